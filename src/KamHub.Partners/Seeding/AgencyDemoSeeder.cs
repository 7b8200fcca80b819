using KamHub.Core.Seeding;
using KamHub.Core.Time;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Partners.Seeding;

/// <summary>
/// A demo agency on a first start: "Demo Travel Agency", the demo agent its manager, granted every tour of the demo
/// operator's organisation at 10 %, so the agent's page, the desk's agents and the console's agencies show a working
/// partnership. Runs after Identity (20), which makes the demo users; skipped once any agency exists, when
/// <see cref="PartnersOptions.DemoAgency"/> is off, or when there is no demo agent.
/// </summary>
internal sealed class AgencyDemoSeeder(IServiceScopeFactory scopes, IOptions<PartnersOptions> options, TimeProvider clock) : IDemoSeeder
{
    private const string DemoAgentEmail = "agent@demo.kamhub.local";
    private const string DemoOperatorEmail = "operator@demo.kamhub.local";

    public int Order => 25;

    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        if (!options.Value.DemoAgency) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        if (await db.Agencies.AnyAsync(cancellationToken) || await users.FindByEmailAsync(DemoAgentEmail, cancellationToken) is not { } agent) return;
        // Granted by the demo operator user, for its own organisation, so its desk lists the grant.
        var grantor = await users.FindByEmailAsync(DemoOperatorEmail, cancellationToken);
        var now = StoredTime.Now(clock);
        var agency = new Agency { Id = Guid.CreateVersion7(), Name = "Demo Travel Agency", ContactEmail = "agency@demo.kamhub.local", CreatedBy = agent.UserId, CreatedAt = now };
        db.Agencies.Add(agency);
        db.AgencyMembers.Add(new AgencyMember { AgentUserId = agent.UserId, AgencyId = agency.Id, IsManager = true, AddedBy = agent.UserId, AddedAt = now });
        db.AgentGrants.Add(new AgentGrant
        {
            Id = Guid.CreateVersion7(), OperatorId = grantor?.OperatorId ?? DemoOperators.All[0], AgentUserId = Guid.Empty, AgencyId = agency.Id,
            CommissionBasisPoints = 1000, AllTours = true, ValidFrom = now, GrantedBy = grantor?.UserId ?? agent.UserId, CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        context.Announce("Partners: the demo agent manages \"Demo Travel Agency\", granted the demo operator's tours at 10 %.");
    }
}
