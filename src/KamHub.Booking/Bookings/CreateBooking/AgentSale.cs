using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Identity.Contracts;
using KamHub.Partners.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Booking.Bookings.CreateBooking;

/// <summary>
/// An agent booking for a client (ADR 0023) through the same POST /api/bookings: the booking is the client's account's
/// when one is named, else the agent's own; the agent and the commission of its grant (Partners' <see cref="IAgentGrants"/>,
/// asked at the moment of sale) are recorded on it. Without a Partners module no agent holds a grant.
/// </summary>
/// <param name="CustomerId">Whose booking it is: the client's tourist account, or the agent when none was named.</param>
internal sealed record AgentSale(Guid AgentId, Guid CustomerId)
{
    /// <summary>The sale the caller makes, null for a booking of one's own; a problem for a request only an agent may make.</summary>
    public static async Task<AgentSale?> OfAsync(ClaimsPrincipal user, Guid userId, CreateBookingRequest request, ValidationErrors errors,
        IServiceProvider services, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Agent))
        {
            errors.When(request.ClientUserId is not null, "clientUserId", "is only for agents booking for a client.");
            return null;
        }

        // The client's points are not the agent's to spend.
        errors.When(request.Points is > 0, "points", "cannot be spent by an agent.");
        if (request.ClientUserId is not { } client) return new AgentSale(userId, userId);
        var account = await services.GetRequiredService<IUserDirectory>().FindAsync(client, ct);
        errors.When(account is null || !string.Equals(account.Role, Roles.Tourist, StringComparison.OrdinalIgnoreCase), "clientUserId", "must be a tourist account.");
        return new AgentSale(userId, client);
    }

    /// <summary>The grant that lets the agent sell this departure's tour now, or null (the sale is refused with 403).</summary>
    public Task<AgentGrantView?> GrantAsync(Guid operatorId, Guid tourId, DateTimeOffset at, IServiceProvider services, CancellationToken ct) =>
        services.GetService<IAgentGrants>() is { } grants ? grants.FindAsync(AgentId, operatorId, tourId, at, ct) : Task.FromResult<AgentGrantView?>(null);
}
