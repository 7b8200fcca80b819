using System.Text.Json;
using KamHub.Web.Api;
using KamHub.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// One booking's whole story on one page, composed here from each module's own admin API (no module reads another's
/// tables): its events and those of its payments, and every event sharing their correlation ids (the bus); its payments,
/// refunds and provider webhooks (Payments); its notifications (Notifications); and the dead letters among those events,
/// which can be retried from here. Log lines are not stored by KamHub: the page names the correlation ids to search the
/// log store for.
/// </summary>
internal sealed class TimelineModel(KamHubApi api) : PageModel
{
    /// <summary>Correlation ids followed (a booking's story has a handful: booking, payment, webhook, each sweep).</summary>
    private const int MaxCorrelations = 10;

    public BookingView? Booking { get; private set; }
    public IReadOnlyList<PaymentRowView> Payments { get; private set; } = [];
    public List<TimelineEntry> Entries { get; } = [];
    public List<DeadLetterView> DeadLetters { get; } = [];
    public SortedSet<string> CorrelationIds { get; } = new(StringComparer.Ordinal);
    public string? Failure { get; private set; }

    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostRetryAsync(Guid id, string letter, CancellationToken ct)
    {
        var result = await api.PostAsync<object>($"/api/admin/dead-letters/{Uri.EscapeDataString(letter)}/retry", null, ct);
        if (result.Done)
        {
            Done = Localization.UiText.T("retried", letter);
            return Redirect($"/console/bookings/{id}");
        }

        Failure = result.Why;
        Response.StatusCode = result.PageStatus;
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var booking = await api.GetAsync<BookingView>($"/api/bookings/{id}", ct);
        var payments = (await api.GetAsync<ItemsView<PaymentRowView>>($"/api/admin/payments?booking={id}", ct)).Value?.Items ?? [];
        var deliveries = (await api.GetAsync<Page<DeliveryView>>($"/api/admin/notifications?booking={id}&limit=200", ct)).Value?.Items ?? [];
        var webhooks = (await api.GetAsync<ItemsView<WebhookView>>($"/api/admin/payments/webhooks?booking={id}", ct)).Value?.Items ?? [];
        if (!booking.Ok && payments.Count == 0 && deliveries.Count == 0) return NotFound();
        Booking = booking.Value;
        Payments = payments;

        var events = new Dictionary<Guid, EventView>();
        foreach (var aggregate in payments.Select(p => p.Id.ToString()).Prepend(id.ToString()))
            await AddEventsAsync(events, "aggregateId=" + aggregate, ct);
        foreach (var correlation in events.Values.Select(e => e.CorrelationId).Distinct(StringComparer.Ordinal).Take(MaxCorrelations).ToList())
        {
            CorrelationIds.Add(correlation);
            await AddEventsAsync(events, "correlationId=" + Uri.EscapeDataString(correlation), ct);
        }

        var aggregates = payments.Select(p => p.Id.ToString()).Append(id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dead = (await api.GetAsync<List<DeadLetterView>>("/api/admin/dead-letters?limit=500", ct)).Value ?? [];
        DeadLetters.AddRange(dead.Where(d => aggregates.Contains(d.AggregateId) || CorrelationIds.Contains(d.CorrelationId) || events.ContainsKey(d.EventId)));

        foreach (var e in events.Values)
            Entries.Add(new TimelineEntry(e.OccurredAt, "event", $"{e.Type} ({e.Module})", e.CorrelationId, e.Payload.GetRawText()));
        foreach (var p in payments)
        {
            Entries.Add(new TimelineEntry(p.CreatedAt, "payment", $"{p.Provider} {p.Status} {Formats.Money(p.AmountMinor, p.Currency)}", null, p.ProviderPaymentId));
            foreach (var r in p.Refunds ?? [])
                Entries.Add(new TimelineEntry(r.CreatedAt, "refund", $"{r.Status} {Formats.Money(r.AmountMinor, r.Currency)}", null, r.Reason));
        }

        foreach (var w in webhooks)
            Entries.Add(new TimelineEntry(w.ReceivedAt, "webhook", $"{w.Provider} {w.Kind} → {w.Outcome}", null, w.ProviderEventId));
        foreach (var d in deliveries)
            Entries.Add(new TimelineEntry(d.CreatedAt, "notification", $"{d.Type} ({d.Channel}) {d.Status}", null, $"{d.Recipient} {d.LastError}".Trim()));
        foreach (var d in DeadLetters)
            Entries.Add(new TimelineEntry(d.DeadSince ?? d.OccurredAt, "dead-letter", $"{d.EventType} → {d.Subscriber}", d.CorrelationId, d.LastError));
        Entries.Sort((a, b) => a.At.CompareTo(b.At));
        return null;
    }

    private async Task AddEventsAsync(Dictionary<Guid, EventView> events, string filter, CancellationToken ct)
    {
        var page = (await api.GetAsync<EventPageView>($"/api/admin/events?limit=200&{filter}", ct)).Value;
        foreach (var e in page?.Items ?? []) events.TryAdd(e.Id, e);
    }
}

/// <param name="Kind">event, payment, refund, webhook, notification or dead-letter.</param>
internal sealed record TimelineEntry(DateTimeOffset At, string Kind, string Title, string? CorrelationId, string? Detail);
