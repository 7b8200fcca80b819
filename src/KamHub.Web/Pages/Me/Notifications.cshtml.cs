using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Me;

/// <summary>
/// The signed-in user's notification preferences (Notifications' /api/me/notification-preferences, which a PUT replaces
/// whole): language, time zone, SMS phone, quiet hours, and which categories reach them on which channel. Transactional
/// messages cannot be turned off, so their boxes are shown checked and disabled.
/// </summary>
internal sealed class NotificationsModel(KamHubApi api) : PageModel
{
    public static readonly string[] Categories = ["transactional", "reminders", "marketing"];
    public static readonly string[] Channels = ["email", "sms", "push"];

    [BindProperty] public string? Language { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? QuietStart { get; set; }
    [BindProperty] public string? QuietEnd { get; set; }

    /// <summary>"category.channel" of every box that is on.</summary>
    [BindProperty] public List<string> On { get; set; } = [];

    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    [TempData] public string? Done { get; set; }

    public bool IsOn(string category, string channel) => category == "transactional" || On.Contains($"{category}.{channel}");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = (await api.GetAsync<PreferencesView>("/api/me/notification-preferences", ct)).Value;
        if (current is null) return;
        (Language, TimeZone, Phone, QuietStart, QuietEnd) = (current.Language, current.TimeZone, current.Phone, current.QuietHours?.Start, current.QuietHours?.End);
        On = (current.Channels ?? []).SelectMany(c => c.Value.Where(ch => ch.Value).Select(ch => $"{c.Key}.{ch.Key}")).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var body = new PreferencesView(Blank(Language), Blank(TimeZone), Blank(Phone),
            Blank(QuietStart) is null && Blank(QuietEnd) is null ? null : new QuietHoursView(Blank(QuietStart), Blank(QuietEnd)),
            Categories.ToDictionary(c => c, c => Channels.ToDictionary(ch => ch, ch => IsOn(c, ch))));
        var result = await api.PutAsync<PreferencesView>("/api/me/notification-preferences", body, ct);
        if (result.Ok)
        {
            Done = Localization.UiText.T("saved");
            return Redirect("/me/notifications");
        }

        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
