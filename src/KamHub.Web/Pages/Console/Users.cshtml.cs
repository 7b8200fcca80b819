using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>Accounts and operators' users (Identity's admin list), by e-mail prefix and role.</summary>
internal sealed class UsersModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<UserView> Users { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    public string Filters => (string.IsNullOrWhiteSpace(Email) ? "" : "&email=" + Uri.EscapeDataString(Email.Trim()))
                             + (string.IsNullOrWhiteSpace(Role) ? "" : "&role=" + Uri.EscapeDataString(Role));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await api.GetAsync<Page<UserView>>("/api/admin/users?limit=50" + Filters + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor)), ct);
        Users = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
        if (page.Problem is { } problem)
        {
            Errors = new FieldErrors(problem.Errors);
            Response.StatusCode = 400;
        }
    }
}
