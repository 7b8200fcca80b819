using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Account;

/// <summary>Where a signed-in user lands on a page their role does not open: a 403, not a sign-in form.</summary>
internal sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = 403;
}
