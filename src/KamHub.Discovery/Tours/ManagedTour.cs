using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Tours;

/// <summary>Loads a tour for a write: 404 when missing, 403 when the caller does not manage it.</summary>
internal static class ManagedTour
{
    public static async Task<(Tour? Tour, IResult? Refusal)> LoadAsync(DiscoveryDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var tour = await db.Tours.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tour is null) return (null, Problems.NotFound($"Tour {id} does not exist."));
        if (!TourAccess.CanManage(user, tour.OperatorId)) return (null, Problems.Forbidden("Only the tour's operator or an admin may change it."));
        return (tour, null);
    }
}
