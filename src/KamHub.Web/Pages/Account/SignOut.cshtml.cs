using KamHub.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Account;

/// <summary>POST only (anti-forgery checked): a link or an image cannot sign anyone out.</summary>
internal sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebAuth.Scheme);
        return LocalRedirect("/");
    }
}
