using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Departures;

/// <summary>Loads a departure for a change (untracked): 404 when missing, 403 when the caller does not manage its tour.</summary>
internal static class ManagedDeparture
{
    public static async Task<(Departure? Departure, IResult? Refusal)> LoadAsync(BookingDbContext db, Guid id, ClaimsPrincipal user, string verb,
        CancellationToken ct)
    {
        var departure = await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (departure is null) return (null, Problems.NotFound($"There is no departure {id}."));
        if (!DepartureAccess.CanManage(user, departure.OperatorId)) return (null, Problems.Forbidden($"Only the tour's operator or an admin {verb} its departures."));
        return (departure, null);
    }
}
