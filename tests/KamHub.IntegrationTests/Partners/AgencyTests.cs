using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.IntegrationTests.Partners;

/// <summary>
/// Agencies (ADR 0023, update for agencies): an operator grants an agency, each current member sells under the grant, the
/// commission is the agency's account in the ledger (settled at capture, reversed by refunds) and paid out to the agency;
/// a removed member sells no more, its past sales stay the agency's; another agency sees and sells nothing of it.
/// </summary>
public sealed class AgencyTests(AgentsHost host) : IClassFixture<AgentsHost>
{
    private const long Seat = 500_000; // 5 000.00 RUB

    private readonly PaymentsFactory _factory = host.Factory;

    [Fact]
    public async Task TwoMembersSellUnderOneAgencyGrant_ConfirmedPartlyRefundedAndCancelled_LedgerAddsUpAndTheAgencyIsPaidOut()
    {
        var (managerId, manager) = await _factory.StaffAsync("Agent");
        var (sellerId, seller) = await _factory.StaffAsync("Agent");
        var (clientId, client) = await _factory.StaffAsync("Tourist");
        var agency = await AgencyAsync(managerId);
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/agent/agency/members", new { agentUserId = sellerId })).StatusCode);
        var tour = await _factory.PublishedTourAsync();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-05T08:00"))).Id();
        var grant = await GrantAgencyAsync(agency, 10m, [tour]);
        Assert.Equal(JsonValueKind.Null, grant.GetProperty("agentUserId").ValueKind);

        // Both members are told, in their own message each.
        await _factory.WaitForMessageAsync(managerId, "agent-granted");
        await _factory.WaitForMessageAsync(sellerId, "agent-granted");
        Assert.Contains("your agency", Assert.Single(await _factory.RenderedAsync(sellerId, "agent-granted")).Text, StringComparison.Ordinal);

        var sold = await manager.SellAsync(departure, 3, clientId);
        var second = await seller.SellAsync(departure, 1);
        await _factory.PayAsync(sold.PaymentId());
        await _factory.PayAsync(second.PaymentId());
        await client.WaitForStatusAsync(sold.Id(), "confirmed");
        await seller.WaitForStatusAsync(second.Id(), "confirmed");

        // Captured 1 500 000: platform 10 % = 150 000, the agency 10 % = 150 000, on the agency's account.
        await AssertSplitAsync(sold.Id(), platform: 150_000, agencyShare: 150_000, kept: 3 * Seat, agency);
        await AssertSplitAsync(second.Id(), platform: 50_000, agencyShare: 50_000, kept: Seat, agency);

        // An admin refunds 333 333: the agency keeps 10 % of what the client kept (1 166 667), rounded down.
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().RefundAsync(sold.PaymentId(), 333_333)).StatusCode);
        await AssertSplitAsync(sold.Id(), platform: 116_666, agencyShare: 116_666, kept: 3 * Seat - 333_333, agency);
        // The operator cancels: all of it goes back, and both commissions with it.
        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().PostAsync($"/api/bookings/{sold.Id()}/cancel", null)).StatusCode);
        await _factory.WaitForRefundedAsync(sold.PaymentId(), 3 * Seat);
        await AssertSplitAsync(sold.Id(), platform: 0, agencyShare: 0, kept: 0, agency);
        Assert.True(await _factory.AssertLedgerBalancesAsync() >= 2);

        // Each member lists what it sold; every member sees the agency's sales and months.
        Assert.Equal([sold.Id()], Ids(await manager.GetJsonAsync("/api/agent/bookings")));
        var own = Assert.Single((await seller.GetJsonAsync("/api/agent/bookings")).GetProperty("items").EnumerateArray());
        Assert.Equal((second.Id(), agency, 50_000L), (own.Id(), own.GetProperty("agencyId").GetGuid(), own.GetProperty("commissionMinor").GetInt64()));
        var sales = await seller.GetJsonAsync("/api/agent/agency/bookings");
        Assert.Equal([second.Id(), sold.Id()], Ids(sales));
        var month = Assert.Single(sales.GetProperty("months").EnumerateArray());
        Assert.Equal(("2027-06", 2, Seat, 50_000L), (month.GetProperty("month").GetString(), month.GetProperty("bookings").GetInt32(),
            month.GetProperty("salesMinor").GetInt64(), month.GetProperty("commissionMinor").GetInt64()));

        // One payout, to the agency (not to either agent), of what is left: the second sale's commission.
        var run = await (await _factory.Admin().PostAsJsonAsync("/api/admin/payouts", new { from = AgentsHost.Start, to = AgentsHost.Start.AddDays(1) })).JsonAsync();
        var payouts = run.GetProperty("items").EnumerateArray().ToList();
        var payout = Assert.Single(payouts, p => p.GetProperty("agencyId").ValueKind == JsonValueKind.String && p.GetProperty("agencyId").GetGuid() == agency);
        Assert.Equal(50_000L, payout.GetProperty("amountMinor").GetInt64());
        Assert.DoesNotContain(payouts, p => p.GetProperty("agentId").ValueKind == JsonValueKind.String
            && p.GetProperty("agentId").GetGuid() is var a && (a == managerId || a == sellerId));
        var balance = await manager.GetJsonAsync("/api/agent/balance");
        Assert.Empty(balance.GetProperty("currencies").EnumerateArray());
        var agencyBalance = Assert.Single(balance.GetProperty("agency").GetProperty("currencies").EnumerateArray());
        Assert.Equal((50_000L, 50_000L, 0L), (agencyBalance.GetProperty("commissionMinor").GetInt64(), agencyBalance.GetProperty("paidOutMinor").GetInt64(),
            agencyBalance.GetProperty("balanceMinor").GetInt64()));

        // The manager removes the seller: it sells no more under the agency's grant, and its sale stays the agency's.
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/agent/agency/members/{sellerId}")).StatusCode);
        await DiscoveryApi.AssertProblemAsync(await seller.BookAsync(AgentTests.AgentBody(departure, 1, null)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.GetAsync("/api/agent/agency/bookings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.GetAsync("/api/agent/agency")).StatusCode);
        Assert.Contains(second.Id(), Ids(await manager.GetJsonAsync("/api/agent/agency/bookings")));
    }

    [Fact]
    public async Task AgencyNotGranted_AndAnotherAgency_SeeAndSellNothingOfIt()
    {
        var (agentX, clientX) = await _factory.StaffAsync("Agent");
        var (agentY, clientY) = await _factory.StaffAsync("Agent");
        var agencyX = await AgencyAsync(agentX);
        var agencyY = await AgencyAsync(agentY);
        var tour = await _factory.PublishedTourAsync();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-06T08:00"))).Id();
        var (operatorB, _) = await _factory.OtherOperatorAsync();
        var tourOfB = (await operatorB.CreatePublishedAsync(DiscoveryApi.TourBody())).Id();
        var departureOfB = (await operatorB.ScheduleAsync(tourOfB, BookingApi.DepartureBody("2027-07-06T08:00"))).Id();
        await GrantAgencyAsync(agencyX, 5m, null);
        var sold = await clientX.SellAsync(departure, 1);

        // Agency Y holds no grant: its member is refused, and sees none of X's sales; X's member cannot sell operator B's tour.
        await DiscoveryApi.AssertProblemAsync(await clientY.BookAsync(AgentTests.AgentBody(departure, 1, null)), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await clientX.BookAsync(AgentTests.AgentBody(departureOfB, 1, null)), HttpStatusCode.Forbidden);
        Assert.Empty((await clientY.GetJsonAsync("/api/agent/agency/bookings")).GetProperty("items").EnumerateArray());
        Assert.Equal(agencyY, (await clientY.GetJsonAsync("/api/agent/agency")).GetProperty("agency").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await clientY.GetAsync($"/api/bookings/{sold.Id()}")).StatusCode);
        Assert.Empty((await clientY.GetJsonAsync("/api/agent/balance")).GetProperty("agency").GetProperty("currencies").EnumerateArray());
        // Operator B sees none of A's grants; A's list names the agency.
        Assert.Empty((await operatorB.GetJsonAsync("/api/operator/agents")).GetProperty("items").EnumerateArray());
        var listed = (await _factory.Operator().GetJsonAsync("/api/operator/agents?limit=200")).GetProperty("items").EnumerateArray()
            .Single(g => g.GetProperty("agencyId").ValueKind == JsonValueKind.String && g.GetProperty("agencyId").GetGuid() == agencyX);
        Assert.StartsWith("Agency ", listed.GetProperty("agencyName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Membership_OneAgencyPerAgent_OnlyManagersManage_GrantNamesExactlyOneGrantee()
    {
        var (managerId, manager) = await _factory.StaffAsync("Agent");
        var (memberId, member) = await _factory.StaffAsync("Agent");
        var (touristId, _) = await _factory.StaffAsync("Tourist");
        var agency = await AgencyAsync(managerId);
        var other = await AgencyAsync(null);
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().PostAsJsonAsync($"/api/admin/agencies/{agency}/members", new { agentUserId = memberId })).StatusCode);

        // An agent is in at most one agency; only Agent accounts join; an agency that does not exist has no members.
        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().PostAsJsonAsync($"/api/admin/agencies/{other}/members", new { agentUserId = memberId }),
            HttpStatusCode.Conflict);
        await DiscoveryApi.AssertProblemAsync(await manager.PostAsJsonAsync("/api/agent/agency/members", new { agentUserId = memberId }), HttpStatusCode.Conflict);
        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().PostAsJsonAsync($"/api/admin/agencies/{agency}/members", new { agentUserId = touristId }),
            HttpStatusCode.UnprocessableEntity);
        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().PostAsJsonAsync($"/api/admin/agencies/{Guid.NewGuid()}/members", new { agentUserId = memberId }),
            HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().PostAsJsonAsync("/api/admin/agencies", new { name = " ", contactEmail = "x" }),
            HttpStatusCode.BadRequest, "name");
        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().PostAsJsonAsync("/api/admin/agencies",
            new { name = "Agency " + Guid.NewGuid().ToString("N")[..6], contactEmail = "team@agency.example", managerEmail = "nobody@example.com" }), HttpStatusCode.UnprocessableEntity);

        // A member who is not a manager manages nobody; a manager cannot remove itself.
        await DiscoveryApi.AssertProblemAsync(await member.DeleteAsync($"/api/agent/agency/members/{managerId}"), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await manager.DeleteAsync($"/api/agent/agency/members/{managerId}"), HttpStatusCode.Conflict);
        var mine = await member.GetJsonAsync("/api/agent/agency");
        Assert.False(mine.GetProperty("isManager").GetBoolean());
        Assert.Equal([managerId, memberId], mine.GetProperty("agency").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()));

        // The grant names one agent or one agency; an unknown agency is refused; operators find agencies to grant.
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().PostAsJsonAsync("/api/operator/agents",
            new { agentUserId = memberId, agencyId = agency, commissionPercent = 5 }), HttpStatusCode.BadRequest, "agencyId");
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().PostAsJsonAsync("/api/operator/agents",
            new { agencyId = Guid.NewGuid(), commissionPercent = 5 }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(agency, (await _factory.Operator().GetJsonAsync("/api/operator/agencies?limit=200")).GetProperty("items").EnumerateArray().Select(a => a.Id()));

        // The admin removes the member; it is free to join another agency.
        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Admin().DeleteAsync($"/api/admin/agencies/{agency}/members/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.Admin().DeleteAsync($"/api/admin/agencies/{agency}/members/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().PostAsJsonAsync($"/api/admin/agencies/{other}/members", new { agentUserId = memberId })).StatusCode);
        var listed = await _factory.Admin().GetJsonAsync($"/api/admin/agencies/{other}");
        Assert.Equal([memberId], listed.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()));
    }

    /// <summary>An agency created by the admin, with <paramref name="managerId"/> as its first manager when given.</summary>
    private async Task<Guid> AgencyAsync(Guid? managerId)
    {
        var admin = _factory.Admin();
        var created = await admin.PostAsJsonAsync("/api/admin/agencies", new { name = "Agency " + Guid.NewGuid().ToString("N")[..8], contactEmail = "team@agency.example" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync()).Id();
        if (managerId is { } manager)
        {
            var added = await admin.PostAsJsonAsync($"/api/admin/agencies/{id}/members", new { agentUserId = manager, manager = true });
            Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        }

        return id;
    }

    private async Task<JsonElement> GrantAgencyAsync(Guid agencyId, decimal percent, Guid[]? tourIds)
    {
        var response = await _factory.Operator().PostAsJsonAsync("/api/operator/agents",
            new { agencyId, commissionPercent = percent, tourIds, validFrom = AgentsHost.Start.AddDays(-1) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(b => b.Id()).ToList();

    /// <summary>Operator, platform and agent-account sums of the booking; the agent-account entries all the agency's.</summary>
    private async Task AssertSplitAsync(Guid bookingId, long platform, long agencyShare, long kept, Guid agencyId)
    {
        var entries = await _factory.WithPaymentsDbAsync(db => db.Ledger.AsNoTracking().Where(l => l.BookingId == bookingId).ToListAsync());
        long Sum(string account) => entries.Where(l => l.Account == account).Sum(l => l.AmountMinor);
        Assert.Equal(platform, Sum(LedgerAccounts.Platform));
        Assert.Equal(agencyShare, Sum(LedgerAccounts.Agent));
        Assert.Equal(kept - platform - agencyShare, Sum(LedgerAccounts.Operator));
        Assert.All(entries.Where(l => l.Account == LedgerAccounts.Agent), l => Assert.Equal(agencyId, l.AgencyId));
    }
}
