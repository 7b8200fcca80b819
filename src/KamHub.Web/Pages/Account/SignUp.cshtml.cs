using KamHub.Web.Api;
using KamHub.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Account;

/// <summary>Registers through the API (a tourist account), then signs the new user in.</summary>
internal sealed class SignUpModel(KamHubApi api, SessionStarter sessions) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var created = await api.PostAsync<MeView>("/api/auth/register", new { email = Email, password = Password, displayName = DisplayName }, ct);
        var problem = created.Ok ? await sessions.SignInAsync(HttpContext, Email, Password, ct) : created.Problem;
        if (problem is null) return LocalRedirect("/");
        Errors = new FieldErrors(problem.Errors);
        Failure = Errors.Any ? null : problem.Detail ?? problem.Title;
        Response.StatusCode = problem.Status is 400 or 409 or 429 ? problem.Status : 400;
        return Page();
    }
}
