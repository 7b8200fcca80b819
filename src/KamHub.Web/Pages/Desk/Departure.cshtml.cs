using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>
/// One departure for its operator: occupancy, the bookings on it with participants and contacts, editing (start, capacity),
/// and cancelling it, which first shows what it will do: the live bookings it cancels and the refunds it starts (the operator
/// cancels, so paid bookings get everything back; held ones were never captured), and its guides and transfer drivers
/// (Partners' assignments: put on by e-mail, taken off; an overlap with their other departures is refused by the API).
/// Once it has started, each booking on its roster is marked present or no-show (Booking's attendance API, which
/// decides until when: a refusal past the grace period shows beside the booking).
/// </summary>
internal sealed class DepartureModel(KamHubApi api, TimeProvider clock) : PageModel
{
    /// <summary>Bookings read for the page (a departure holds at most its capacity's worth of live ones).</summary>
    private const int MaxPages = 10;

    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public string? Capacity { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true)] public bool Cancel { get; set; }
    [BindProperty] public string? StaffEmail { get; set; }
    [BindProperty] public string? StaffRole { get; set; }
    [BindProperty] public List<PickupInput> Pickups { get; set; } = [];

    public DepartureView Departure { get; private set; } = null!;
    public TourView? Tour { get; private set; }
    public List<BookingView> Bookings { get; } = [];
    public IReadOnlyList<DepartureStaffView> Staff { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    /// <summary>The transfer assignment whose pickup form was sent and refused: it shows what was typed and its errors.</summary>
    public Guid? PickupsRefusedFor { get; private set; }

    /// <summary>Bookings a driver may collect: those on the departure's roster (ADR 0020).</summary>
    public IEnumerable<BookingView> Collectable => Bookings.Where(b => b.Status is "confirmed" or "no-show" or "completed");

    /// <summary>Bookings whose attendance is marked: confirmed ones (present) and those already marked no-show.</summary>
    public IEnumerable<BookingView> Markable => Bookings.Where(b => b.Status is "confirmed" or "no-show");

    /// <summary>The attendance table shows from the start of a scheduled departure with someone on its roster.</summary>
    public bool AttendanceShown => Departure.StartsAt <= clock.GetUtcNow() && Departure.Status == "scheduled" && Markable.Any();

    /// <summary>A refusal with no row to show it in goes on top of the page.</summary>
    public string? AttendanceRefusalOnTop => AttendanceRefusal is { } r && !(AttendanceShown && Markable.Any(b => b.Id == r.Booking)) ? r.Why : null;

    /// <summary>The booking a refused attendance mark was about, and why.</summary>
    public (Guid Booking, string Why)? AttendanceRefusal { get; private set; }

    public IEnumerable<BookingView> Live => Bookings.Where(b => b.Status is "held" or "confirmed");

    /// <summary>What cancelling gives back: every confirmed (paid) booking in full.</summary>
    public long Refunds => Bookings.Where(b => b.Status == "confirmed").Sum(b => b.Amount);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Capacity = Departure.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(Guid id, CancellationToken ct)
    {
        var capacity = int.TryParse(Capacity, out var seats) ? seats : (int?)null;
        var body = new { startsAt = string.IsNullOrWhiteSpace(StartsAt) ? null : StartsAt, capacity };
        var result = await api.PatchAsync<DepartureView>($"/api/departures/{id}", body, ct);
        if (result.Ok) return Redirect($"/desk/departures/{id}");
        if (await LoadAsync(id, ct) is { } missing) return missing;
        return Refused(result);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var result = await api.PostAsync<DepartureView>($"/api/departures/{id}/cancel", new { reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason }, ct);
        if (result.Ok) return Redirect($"/desk/departures/{id}");
        if (await LoadAsync(id, ct) is { } missing) return missing;
        Cancel = true;
        return Refused(result);
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(StaffEmail))
        {
            // The API would name userId, a field this form does not have.
            if (await LoadAsync(id, ct) is { } gone) return gone;
            Errors = new FieldErrors(new Dictionary<string, string[]> { ["email"] = ["is required: the e-mail of a guide's or driver's KamHub account."] });
            Response.StatusCode = 400;
            return Page();
        }

        var body = new { email = StaffEmail.Trim(), role = StaffRole };
        var result = await api.PostAsync<DepartureStaffView>($"/api/departures/{id}/assignments", body, ct);
        if (result.Ok) return Redirect($"/desk/departures/{id}#staff");
        if (await LoadAsync(id, ct) is { } missing) return missing;
        return Refused(result);
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid id, Guid assignment, CancellationToken ct)
    {
        var result = await api.DeleteAsync($"/api/assignments/{assignment}", ct);
        if (result.Done) return Redirect($"/desk/departures/{id}#staff");
        if (await LoadAsync(id, ct) is { } missing) return missing;
        return Refused(result);
    }

    public async Task<IActionResult> OnPostPickupsAsync(Guid id, Guid assignment, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var (body, invalid, sent) = PickupForm.Build(Pickups, Departure.TimeZone, Localization.UiText.T("must-be-time"));
        if (body is null)
        {
            PickupsRefusedFor = assignment;
            Errors = new FieldErrors(invalid);
            Response.StatusCode = 400;
            return Page();
        }

        var result = await api.PutAsync<DepartureStaffView>($"/api/assignments/{assignment}/pickups", body, ct);
        if (result.Done) return Redirect($"/desk/departures/{id}#pickups-{assignment}");
        PickupsRefusedFor = assignment;
        Errors = new FieldErrors(PickupForm.ByBooking(result.Problem!.Errors, sent));
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid booking, string? status, CancellationToken ct)
    {
        var result = await api.PostAsync<AttendanceView>($"/api/bookings/{booking}/attendance", new { status }, ct);
        if (result.Ok) return Redirect($"/desk/departures/{id}#attendance-{booking}");
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var problem = result.Problem!;
        AttendanceRefusal = (booking, problem.Errors.Count > 0 ? string.Join(" ", problem.Errors.SelectMany(e => e.Value)) : result.Why ?? "");
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    /// <summary>What a pickup input shows: what was typed when its form was refused, else what is stored.</summary>
    public (string? Point, string? At) PickupValue(DepartureStaffView driver, Guid booking)
    {
        if (PickupsRefusedFor == driver.Id)
        {
            var typed = Pickups.FirstOrDefault(p => p.BookingId == booking);
            return (typed?.Point, typed?.At);
        }

        var stored = driver.Pickups?.FirstOrDefault(p => p.BookingId == booking);
        return stored is null ? (null, null) : (stored.Point, PickupForm.Local(stored.At, Departure.TimeZone));
    }

    private PageResult Refused<T>(ApiResult<T> result)
    {
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var departure = await api.GetAsync<DepartureView>($"/api/departures/{id}", ct);
        if (!departure.Ok) return NotFound();
        Departure = departure.Value!;
        Tour = (await api.GetAsync<TourView>($"/api/tours/{Departure.TourId}", ct)).Value;
        Staff = (await api.GetAsync<ItemsView<DepartureStaffView>>($"/api/departures/{id}/assignments", ct)).Value?.Items ?? [];
        string? cursor = null;
        for (var i = 0; i < MaxPages; i++)
        {
            var page = await api.GetAsync<Page<BookingView>>($"/api/operator/bookings?departure={id}&limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), ct);
            if (page.Status is 403 or 404) return NotFound();
            Bookings.AddRange(page.Value?.Items ?? []);
            cursor = page.Value?.NextCursor;
            if (cursor is null) break;
        }

        return null;
    }
}
