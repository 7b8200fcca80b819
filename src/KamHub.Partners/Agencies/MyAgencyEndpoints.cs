using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Identity.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agencies;

/// <summary>
/// An agent's own agency: every member sees it and its members; its managers add and remove members (not themselves:
/// an agency is never left without the manager who could undo it; another manager or an admin may remove one).
/// </summary>
internal static class MyAgencyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agent/agency").RequireAuthorization(AuthenticationRegistration.AgentPolicy).WithTags("Agencies");
        group.MapGet("/", GetAsync);
        group.MapPost("/members", AddMemberAsync);
        group.MapDelete("/members/{userId:guid}", RemoveMemberAsync);
    }

    private static async Task<Results<Ok<MyAgencyDto>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, PartnersDbContext db, IUserDirectory users,
        CancellationToken ct)
    {
        if (await MembershipAsync(user, db, ct) is not { } me) return Problems.NotFound("You are not a member of an agency.");
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == me.AgencyId, ct);
        return TypedResults.Ok(new MyAgencyDto((await AgencyDto.OfAsync(db, users, [agency], ct))[0], me.IsManager));
    }

    private static async Task<Results<Created<AgencyMemberDto>, ProblemHttpResult, ValidationProblem>> AddMemberAsync(AddAgencyMemberRequest request,
        ClaimsPrincipal user, PartnersDbContext db, IUserDirectory users, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        if (await ManagerAsync(user, db, ct) is not { } me) return Problems.Forbidden("Only a manager of your agency may add its members.");
        return await AgencyMembers.AddAsync(me.AgencyId, request, me.AgentUserId, db, users, events, clock, ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(Guid userId, ClaimsPrincipal user, PartnersDbContext db,
        IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        if (await ManagerAsync(user, db, ct) is not { } me) return Problems.Forbidden("Only a manager of your agency may remove its members.");
        if (userId == me.AgentUserId) return Problems.Conflict("A manager cannot remove itself; another manager or an admin can.");
        return await AgencyMembers.RemoveAsync(me.AgencyId, userId, me.AgentUserId, db, events, clock, ct);
    }

    private static async Task<AgencyMember?> MembershipAsync(ClaimsPrincipal user, PartnersDbContext db, CancellationToken ct) =>
        user.GetUserId() is { } id ? await db.AgencyMembers.AsNoTracking().FirstOrDefaultAsync(m => m.AgentUserId == id, ct) : null;

    private static async Task<AgencyMember?> ManagerAsync(ClaimsPrincipal user, PartnersDbContext db, CancellationToken ct) =>
        await MembershipAsync(user, db, ct) is { IsManager: true } me ? me : null;
}
