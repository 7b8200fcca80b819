using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Me;

/// <summary>
/// A guide's (or driver's) own coming departures with who to collect where and a phone to call (Partners'
/// <c>GET /api/me/assignments</c>); a person never assigned sees an empty list. Once a departure has started, each
/// booking is marked present or no-show here (Booking's <c>POST /api/bookings/{id}/attendance</c>, which decides who
/// may and until when); a refusal shows beside the booking it is about.
/// </summary>
internal sealed class AssignmentsModel(KamHubApi api, TimeProvider clock) : PageModel
{
    public IReadOnlyList<AssignmentView> Assignments { get; private set; } = [];

    /// <summary>The booking a refused mark was about, and why (shown in its row, or on top when the row is gone).</summary>
    public (Guid Booking, string Why)? Refusal { get; private set; }

    public bool Started(AssignmentView assignment) => assignment.StartsAt <= clock.GetUtcNow();

    public bool RefusalShownInARow => Refusal is { } r && Assignments.Any(a => a.Participants.Any(p => p.BookingId == r.Booking));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAttendanceAsync(Guid booking, string? status, CancellationToken ct)
    {
        var result = await api.PostAsync<AttendanceView>($"/api/bookings/{booking}/attendance", new { status }, ct);
        if (result.Ok) return Redirect($"/me/assignments#b-{booking}");
        var problem = result.Problem!;
        Refusal = (booking, problem.Errors.Count > 0 ? string.Join(" ", problem.Errors.SelectMany(e => e.Value)) : result.Why ?? "");
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Assignments = (await api.GetAsync<ItemsView<AssignmentView>>("/api/me/assignments", ct)).Value?.Items ?? [];
}
