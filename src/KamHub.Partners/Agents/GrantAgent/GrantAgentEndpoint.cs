using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Core.Time;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Contracts;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace KamHub.Partners.Agents.GrantAgent;

/// <summary>
/// POST /api/operator/agents: an operator lets an Agent account, or an agency's members, sell some or all of its tours at a
/// commission, within validity dates (ADR 0023). The tours must be the operator's own; the grant and agent.granted commit together.
/// </summary>
internal static class GrantAgentEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/operator/agents", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Agents");

    private static async Task<Results<Created<AgentGrantDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(GrantAgentRequest request, ClaimsPrincipal user,
        PartnersDbContext db, IUserDirectory users, ITourCatalog catalog, IEventPublisher events, IOptions<PartnersOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        var (operatorId, refusal) = GrantAccess.Organisation(user);
        if (refusal is not null) return refusal;
        var errors = request.Check(options.Value.MaxAgentCommissionPercent);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var (grantee, problem) = await Grantee.ResolveAsync(request, db, users, ct);
        if (problem is not null) return problem;
        var tours = request.TourIds?.Distinct().ToList();
        foreach (var tourId in tours ?? [])
        {
            // Another operator's tour is reported like a missing one: its existence is not this operator's to learn.
            if (await catalog.FindAsync(tourId, ct) is not { } tour || tour.OperatorId != operatorId)
                return Problems.Unprocessable($"Tour {tourId} is not one of your tours.");
        }

        var now = StoredTime.Now(clock);
        var grant = new AgentGrant
        {
            Id = Guid.CreateVersion7(),
            OperatorId = operatorId!.Value,
            AgentUserId = grantee!.Agent?.UserId ?? Guid.Empty,
            AgencyId = grantee.Agency?.Id,
            CommissionBasisPoints = request.BasisPoints(),
            AllTours = tours is null,
            ValidFrom = request.ValidFrom is { } from ? StoredTime.Truncate(from.UtcDateTime) : now,
            ValidTo = request.ValidTo is { } to ? StoredTime.Truncate(to.UtcDateTime) : null,
            GrantedBy = user.GetUserId()!.Value,
            CreatedAt = now,
        };
        db.AgentGrants.Add(grant);
        db.AgentGrantTours.AddRange((tours ?? []).Select(t => new AgentGrantTour { GrantId = grant.Id, TourId = t }));
        events.Publish(db, grant.Id.ToString(), new AgentGranted(grant.Id, grant.OperatorId, grant.AgentUserId, grant.CommissionBasisPoints, tours,
            StoredTime.Utc(grant.ValidFrom), grant.ValidTo is { } end ? StoredTime.Utc(end) : null, StoredTime.Utc(now),
            await GrantAccess.OrganisationNameAsync(db, grant.OperatorId, ct), grant.AgencyId, grantee.Agency?.Name,
            grant.AgencyId is { } agencyId ? await Grantee.MembersAsync(db, agencyId, ct) : null));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/operator/agents/{grant.Id}", AgentGrantDto.From(grant, tours, now, grantee.Agent, grantee.Agency?.Name));
    }
}
