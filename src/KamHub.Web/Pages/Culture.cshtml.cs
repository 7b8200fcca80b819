using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages;

/// <summary>
/// The language switch: remembered for a year in the standard culture cookie, then back to the same page. A GET link:
/// another site can at worst change a visitor's language, and pages without a form need no anti-forgery cookie.
/// </summary>
internal sealed class CultureModel : PageModel
{
    public IActionResult OnGet(string? language, string? returnUrl)
    {
        var chosen = Localization.UiText.Languages.Contains(language) ? language! : "en";
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
