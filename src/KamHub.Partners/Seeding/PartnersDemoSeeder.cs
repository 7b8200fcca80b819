using KamHub.Core.Seeding;
using KamHub.Discovery.Contracts;
using KamHub.Partners.Data;
using KamHub.Partners.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using KamHub.Core.Time;

namespace KamHub.Partners.Seeding;

/// <summary>
/// The demo operator organisations start approved (their tours are published and paid out like any approved
/// operator's), with sample legal and payout details. Runs after Discovery (10); skipped once any application exists.
/// </summary>
internal sealed class PartnersDemoSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDemoSeeder
{
    public int Order => 15;

    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        if (await db.OperatorApplications.AnyAsync(cancellationToken)) return;
        var now = StoredTime.Now(clock);
        var n = 0;
        foreach (var operatorId in DemoOperators.All)
        {
            n++;
            db.OperatorApplications.Add(new OperatorApplication
            {
                OperatorId = operatorId,
                LegalName = $"Demo Operator {n} LLC",
                TaxId = $"41010{n:00000}",
                ContactEmail = $"operator{n}@demo.kamhub.local",
                PayoutDetails = new PayoutDetails("Demo Operator " + n, "043002711", $"407028100000000000{n:00}").ToJson(),
                Status = ApplicationStatus.Approved,
                SubmittedAt = now,
                DecidedAt = now,
                Version = 1,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Announce($"Partners: {n} demo operators approved.");
    }
}
