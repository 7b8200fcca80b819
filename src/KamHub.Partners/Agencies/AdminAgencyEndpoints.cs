using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Core.Time;
using KamHub.Identity.Contracts;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agencies;

/// <summary>
/// The admin's agencies: create one (optionally with its first manager), list them with their members, add and remove
/// members. Agencies are the platform's partners, not an operator's, so an admin, not an operator, creates them.
/// </summary>
internal static class AdminAgencyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/agencies").RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Agencies");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/members", AddMemberAsync);
        group.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync);
    }

    private static async Task<Results<Created<AgencyDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(CreateAgencyRequest request, ClaimsPrincipal user,
        PartnersDbContext db, IUserDirectory users, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Check();
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var actor = user.GetUserId()!.Value;
        var agency = new Agency
        {
            Id = Guid.CreateVersion7(), Name = request.Name!.Trim(), ContactEmail = request.ContactEmail!.Trim(), CreatedBy = actor, CreatedAt = StoredTime.Now(clock),
        };
        db.Agencies.Add(agency);
        events.Publish(db, agency.Id.ToString(), new AgencyCreated(agency.Id, agency.Name, agency.ContactEmail, actor, StoredTime.Utc(agency.CreatedAt)));
        if (string.IsNullOrWhiteSpace(request.ManagerEmail)) await db.SaveChangesAsync(ct);
        else
        {
            // The first manager's row is saved with the agency, in one SaveChanges: a refused manager leaves no agency behind.
            var added = await AgencyMembers.AddAsync(agency.Id, new AddAgencyMemberRequest(null, request.ManagerEmail, true), actor, db, users, events, clock, ct);
            if (added.Result is ProblemHttpResult refused) return refused;
            if (added.Result is ValidationProblem invalid) return Problems.Validation("managerEmail", invalid.ProblemDetails.Errors.First().Value.First());
        }

        return TypedResults.Created($"/api/admin/agencies/{agency.Id}", (await AgencyDto.OfAsync(db, users, [agency], ct))[0]);
    }

    private static async Task<Results<Ok<AgencyPage>, ValidationProblem>> ListAsync(string? cursor, int? limit, PartnersDbContext db, IUserDirectory users,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var after = errors.IdCursor(cursor);
        var take = errors.Limit(limit, 50, 200);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var query = db.Agencies.AsNoTracking();
        if (after is { } last) query = query.Where(a => a.Id.CompareTo(last) > 0);
        var rows = await query.OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return TypedResults.Ok(new AgencyPage(await AgencyDto.OfAsync(db, users, page, ct), rows.Count > take ? page[^1].Id.ToString() : null));
    }

    private static async Task<Results<Ok<AgencyDto>, ProblemHttpResult>> GetAsync(Guid id, PartnersDbContext db, IUserDirectory users, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return agency is null ? Problems.NotFound($"There is no agency {id}.") : TypedResults.Ok((await AgencyDto.OfAsync(db, users, [agency], ct))[0]);
    }

    private static async Task<Results<Created<AgencyMemberDto>, ProblemHttpResult, ValidationProblem>> AddMemberAsync(Guid id, AddAgencyMemberRequest request,
        ClaimsPrincipal user, PartnersDbContext db, IUserDirectory users, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Agencies.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound($"There is no agency {id}.");
        return await AgencyMembers.AddAsync(id, request, user.GetUserId()!.Value, db, users, events, clock, ct);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(Guid id, Guid userId, ClaimsPrincipal user, PartnersDbContext db,
        IEventPublisher events, TimeProvider clock, CancellationToken ct) =>
        AgencyMembers.RemoveAsync(id, userId, user.GetUserId()!.Value, db, events, clock, ct);
}
