using KamHub.Web.Api;
using KamHub.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Account;

internal sealed class SignInModel(SessionStarter sessions) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var problem = await sessions.SignInAsync(HttpContext, Email, Password, ct);
        if (problem is null) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Errors = new FieldErrors(problem.Errors);
        // The API says why in English; a wrong password is the common case and gets the page's own words.
        Failure = problem.Status == 401 ? Localization.UiText.T("wrong-credentials") : Errors.Any ? null : problem.Detail ?? problem.Title;
        Response.StatusCode = problem.Status is 400 or 401 or 429 ? problem.Status : 400;
        return Page();
    }
}
