using System.Globalization;
using System.Text.Json;
using KamHub.Web.Api;
using KamHub.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// The operations console (admins only): readiness of every module database and the cache, and the key metrics as charts:
/// requests and their p99 and the event and notification counters (this process's Prometheus scrape), event lag per
/// subscriber and dead letters (the bus's admin API), the notification queue (the delivery log), and bookings and revenue
/// per day over two weeks (booking.confirmed events). A booking's timeline is opened by its id.
/// </summary>
internal sealed class IndexModel(KamHubApi api, TimeProvider clock) : PageModel
{
    private const int Days = 14;
    private const int MaxEventPages = 10;

    public JsonElement? Health { get; private set; }
    public int HealthStatus { get; private set; }
    public Metrics Metrics { get; private set; } = Metrics.Parse(null);
    public IReadOnlyList<SubscriptionView> Subscriptions { get; private set; } = [];
    public int DeadLetterCount { get; private set; }
    public string QueueDepth { get; private set; } = "0";
    public List<Bar> BookingsPerDay { get; } = [];

    public IReadOnlyList<Bar> Counters =>
    [
        Counter("m-events-published", "kamhub_events_published_total"),
        Counter("m-events-delivered", "kamhub_events_delivered_total"),
        Counter("m-events-failed", "kamhub_events_failed_total"),
        Counter("m-notifications-sent", "kamhub_notifications_sent_total"),
        Counter("m-notifications-failed", "kamhub_notifications_failed_total"),
    ];

    public IReadOnlyList<Bar> Lag => Subscriptions
        .Select(s => new Bar(s.Name, s.LagEvents, Localization.UiText.T("lag-text", s.LagEvents, s.LagSeconds.ToString("0.#", CultureInfo.CurrentCulture)))).ToList();

    private Bar Counter(string label, string metric) =>
        new(Localization.UiText.T(label), Metrics.Total(metric), Metrics.Total(metric).ToString("N0", CultureInfo.CurrentCulture));
    public List<Bar> RevenuePerDay { get; } = [];

    public IActionResult OnPostTimeline(string? booking) =>
        Guid.TryParse(booking?.Trim(), out var id) ? Redirect($"/console/bookings/{id}") : Redirect("/console?badBooking=true");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var health = await api.GetAsync<JsonElement>("/health/ready", ct);
        HealthStatus = health.Status;
        Health = health.Value.ValueKind == JsonValueKind.Undefined ? null : health.Value;
        Metrics = Metrics.Parse(await api.GetTextAsync("/metrics", ct));
        Subscriptions = (await api.GetAsync<List<SubscriptionView>>("/api/admin/subscriptions", ct)).Value ?? [];
        DeadLetterCount = (await api.GetAsync<List<DeadLetterView>>("/api/admin/dead-letters?limit=500", ct)).Value?.Count ?? 0;
        var queued = (await api.GetAsync<Page<DeliveryView>>("/api/admin/notifications?status=queued&limit=200", ct)).Value;
        QueueDepth = queued is null ? "?" : queued.NextCursor is null ? queued.Items.Count.ToString(CultureInfo.CurrentCulture) : "200+";
        await PerDayAsync(ct);
    }

    /// <summary>Confirmed bookings and their totals per UTC day, newest day first, from the booking.confirmed history.</summary>
    private async Task PerDayAsync(CancellationToken ct)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var from = today.AddDays(-(Days - 1));
        var count = new int[Days];
        var revenue = new Dictionary<string, long[]>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page < MaxEventPages; page++)
        {
            var path = $"/api/admin/events?types=booking.confirmed&limit=500&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}"
                       + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var events = (await api.GetAsync<EventPageView>(path, ct)).Value;
            foreach (var e in events?.Items ?? [])
            {
                var day = (int)(e.OccurredAt.UtcDateTime.Date - from).TotalDays;
                if (day is < 0 or >= Days) continue;
                count[day]++;
                var currency = e.Payload.TryGetProperty("currency", out var c) ? c.GetString() ?? "RUB" : "RUB";
                var total = e.Payload.TryGetProperty("totalMinor", out var t) && t.TryGetInt64(out var minor) ? minor : 0;
                if (!revenue.TryGetValue(currency, out var sums)) revenue[currency] = sums = new long[Days];
                sums[day] += total;
            }

            cursor = events?.NextCursor;
            if (cursor is null) break;
        }

        for (var day = Days - 1; day >= 0; day--)
        {
            var label = from.AddDays(day).ToString("d MMM", CultureInfo.CurrentCulture);
            BookingsPerDay.Add(new Bar(label, count[day], count[day].ToString(CultureInfo.CurrentCulture)));
            foreach (var (currency, sums) in revenue)
                RevenuePerDay.Add(new Bar(revenue.Count > 1 ? $"{label} {currency}" : label, sums[day], Formats.Money(sums[day], currency)));
        }
    }
}
