using System.Globalization;
using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// Payouts (Payments' admin API): run them for a period (whole UTC days, the end day included) and see the newest. A run
/// pays each operator what its settled bookings of the period earned, once: running a period again pays nothing twice.
/// </summary>
internal sealed class PayoutsModel(KamHubApi api, TimeProvider clock) : PageModel
{
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }

    public IReadOnlyList<PayoutView> Payouts { get; private set; } = [];
    public IReadOnlyList<PayoutView>? Paid { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The last thirty days up to today, as a first run would ask.
        var today = clock.GetUtcNow().UtcDateTime.Date;
        From = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await LoadAsync(ct);
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        var body = new { from = Day(From), to = Day(To)?.AddDays(1) };
        var result = await api.PostAsync<ItemsView<PayoutView>>("/api/admin/payouts", body, ct);
        if (result.Ok) Paid = result.Value!.Items;
        else
        {
            Errors = new FieldErrors(result.Problem!.Errors);
            Failure = Errors.Any ? null : result.Why;
            Response.StatusCode = result.PageStatus;
        }

        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Payouts = (await api.GetAsync<Page<PayoutView>>("/api/admin/payouts?limit=20", ct)).Value?.Items ?? [];

    /// <summary>A date input's value as the start of that UTC day; what is not a date is left out, for the API to name.</summary>
    private static DateTimeOffset? Day(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero) : null;
}
