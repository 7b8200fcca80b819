using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages;

/// <summary>Any address no page or API route has.</summary>
internal sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = 404;
}
