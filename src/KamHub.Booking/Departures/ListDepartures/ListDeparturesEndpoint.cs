using System.Globalization;
using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Booking.Seats;
using KamHub.Core.Errors;
using KamHub.Discovery.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Departures.ListDepartures;

/// <summary>Public: a published tour's scheduled departures in a window (default: the next year), with seats left.</summary>
internal static class ListDeparturesEndpoint
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(400);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tours/{tourId:guid}/departures", ListAsync).AllowAnonymous().WithTags("Departures").Produces<IReadOnlyList<DepartureDto>>();
        app.MapGet("/api/departures/{id:guid}", GetAsync).AllowAnonymous().WithTags("Departures").Produces<DepartureDto>();
    }

    private static async Task<IResult> ListAsync(Guid tourId, string? from, string? to, ClaimsPrincipal user, ITourCatalog catalog, BookingDbContext db,
        IOptions<BookingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var tour = await catalog.FindAsync(tourId, ct);
        if (tour is null || (tour.Status != "published" && !DepartureAccess.CanManage(user, tour.OperatorId)))
            return Problems.NotFound($"There is no tour {tourId}.");

        var now = StoredTime.Now(clock);
        var errors = new ValidationErrors();
        var fromUtc = Instant(from, "from", errors) ?? now;
        var toUtc = Instant(to, "to", errors) ?? fromUtc.AddDays(366);
        errors.When(toUtc < fromUtc, "to", "must not be before from.");
        errors.When(toUtc - fromUtc > MaxWindow, "to", $"the window may span at most {MaxWindow.TotalDays:0} days.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var departures = await db.Departures.AsNoTracking()
            .Where(d => d.TourId == tourId && d.Status == DepartureStatus.Scheduled && d.StartsAt >= fromUtc && d.StartsAt < toUtc)
            .OrderBy(d => d.StartsAt).ThenBy(d => d.Id).Take(1000).ToListAsync(ct);
        var left = await SeatsLeft.ForAsync(db, departures, now, ct);
        var policy = TourPolicy.Fallback(tour, options.Value);
        return TypedResults.Ok(departures.Select(d => DepartureDto.From(d, left[d.Id], policy)).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, BookingDbContext db, ITourCatalog catalog, IOptions<BookingOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        var departure = await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (departure is null) return Problems.NotFound($"There is no departure {id}.");
        var left = await SeatsLeft.ForAsync(db, [departure], StoredTime.Now(clock), ct);
        var policy = await TourPolicy.FallbackAsync(catalog, departure.TourId, options.Value, ct);
        return TypedResults.Ok(DepartureDto.From(departure, left[id], policy));
    }

    /// <summary>A date (midnight UTC) or an ISO instant with offset.</summary>
    private static DateTime? Instant(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return StoredTime.Truncate(parsed.UtcDateTime);
        errors.Add(field, "must be a date (2027-07-01) or an ISO instant (2027-07-01T00:00:00Z).");
        return null;
    }
}
