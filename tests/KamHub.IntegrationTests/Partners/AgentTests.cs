using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using KamHub.Identity.Contracts;
using KamHub.Payments.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace KamHub.IntegrationTests.Partners;

/// <summary>One host with real sandbox payments and a 10 % platform commission; every test makes its own tours and accounts.</summary>
public sealed class AgentsHost : IDisposable
{
    public static readonly DateTimeOffset Start = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public PaymentsFactory Factory { get; } = new(start: Start);

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// Agents selling for a commission (ADR 0023): the operator's grant decides what an agent may sell; the sale is the
/// client's booking; the operator pays the agent in the ledger at capture and a refund takes back its proportion.
/// </summary>
public sealed class AgentTests(AgentsHost host) : IClassFixture<AgentsHost>
{
    private const long Seat = 500_000; // 5 000.00 RUB

    private readonly PaymentsFactory _factory = host.Factory;

    [Fact]
    public async Task AgentSale_ConfirmedPartlyRefundedAndCancelledByTheOperator_LedgerAddsUpAtEveryStep()
    {
        var (agentId, agent) = await _factory.StaffAsync("Agent");
        var (clientId, client) = await _factory.StaffAsync("Tourist");
        var tour = await _factory.PublishedTourAsync();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-05T08:00"))).Id();
        Assert.Equal(HttpStatusCode.Created, (await _factory.Operator().GrantAsync(agentId, 7.5m, [tour])).StatusCode);

        var sold = await agent.SellAsync(departure, 3, clientId);
        var second = await agent.SellAsync(departure, 1);
        await _factory.PayAsync(sold.PaymentId());
        await _factory.PayAsync(second.PaymentId());
        await client.WaitForStatusAsync(sold.Id(), "confirmed");
        await agent.WaitForStatusAsync(second.Id(), "confirmed");

        // Captured 1 500 000: platform 10 % = 150 000, agent 7.5 % = 112 500, the operator the rest.
        await AssertSplitAsync(sold.Id(), platform: 150_000, agentShare: 112_500, kept: 3 * Seat);
        // The sale is the client's booking: it is in the client's own list.
        Assert.Contains(sold.Id(), (await client.GetJsonAsync("/api/me/bookings")).GetProperty("items").EnumerateArray().Select(b => b.Id()));

        // An admin refunds 333 333: the agent keeps 7.5 % of what the client kept (1 166 667), rounded down.
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().RefundAsync(sold.PaymentId(), 333_333)).StatusCode);
        await AssertSplitAsync(sold.Id(), platform: 116_666, agentShare: 87_500, kept: 3 * Seat - 333_333);
        var listed = (await agent.GetJsonAsync("/api/agent/bookings")).GetProperty("items").EnumerateArray().Single(b => b.Id() == sold.Id());
        Assert.Equal(87_500, listed.GetProperty("commissionMinor").GetInt64());
        Assert.Equal(7.5m, listed.GetProperty("commissionPercent").GetDecimal());

        // The operator cancels: the rest goes back, and with it the whole of both commissions.
        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().PostAsync($"/api/bookings/{sold.Id()}/cancel", null)).StatusCode);
        await _factory.WaitForRefundedAsync(sold.PaymentId(), 3 * Seat);
        await AssertSplitAsync(sold.Id(), platform: 0, agentShare: 0, kept: 0);
        Assert.True(await _factory.AssertLedgerBalancesAsync() >= 2); // every payment of the host, this test's two included

        var mine = await agent.GetJsonAsync("/api/agent/bookings");
        Assert.Equal([second.Id(), sold.Id()], mine.GetProperty("items").EnumerateArray().Select(b => b.Id()));
        var month = Assert.Single(mine.GetProperty("months").EnumerateArray());
        Assert.Equal(("2027-06", 2, Seat, 37_500L), (month.GetProperty("month").GetString(), month.GetProperty("bookings").GetInt32(),
            month.GetProperty("salesMinor").GetInt64(), month.GetProperty("commissionMinor").GetInt64()));

        // Agents are paid out like operators: the second sale's commission, once.
        var run = await (await _factory.Admin().PostAsJsonAsync("/api/admin/payouts", new { from = AgentsHost.Start, to = AgentsHost.Start.AddDays(1) })).JsonAsync();
        var payout = Assert.Single(run.GetProperty("items").EnumerateArray(), p => p.GetProperty("agentId").ValueKind == JsonValueKind.String);
        Assert.Equal((agentId, 37_500L), (payout.GetProperty("agentId").GetGuid(), payout.GetProperty("amountMinor").GetInt64()));
        var balance = Assert.Single((await agent.GetJsonAsync("/api/agent/balance")).GetProperty("currencies").EnumerateArray());
        Assert.Equal((37_500L, 37_500L, 0L), (balance.GetProperty("commissionMinor").GetInt64(), balance.GetProperty("paidOutMinor").GetInt64(),
            balance.GetProperty("balanceMinor").GetInt64()));
    }

    [Fact]
    public async Task AgentSale_WithoutAGrantCoveringTheTourNow_IsForbidden()
    {
        var (agentId, agent) = await _factory.StaffAsync("Agent");
        var (touristId, tourist) = await _factory.StaffAsync("Tourist");
        var granted = await _factory.PublishedTourAsync();
        var notGranted = await _factory.PublishedTourAsync();
        var grantedDeparture = (await _factory.Operator().ScheduleAsync(granted, BookingApi.DepartureBody("2027-07-06T08:00"))).Id();
        var otherDeparture = (await _factory.Operator().ScheduleAsync(notGranted, BookingApi.DepartureBody("2027-07-06T08:00"))).Id();
        var (operatorB, _) = await _factory.OtherOperatorAsync();
        var tourOfB = (await operatorB.CreatePublishedAsync(DiscoveryApi.TourBody())).Id();
        var departureOfB = (await operatorB.ScheduleAsync(tourOfB, BookingApi.DepartureBody("2027-07-06T08:00"))).Id();

        await DiscoveryApi.AssertProblemAsync(await agent.BookAsync(AgentBody(grantedDeparture, 1, null)), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().GrantAsync(touristId, 5, null), HttpStatusCode.UnprocessableEntity);
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().GrantAsync(agentId, 0, null), HttpStatusCode.BadRequest, "commissionPercent");
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().GrantAsync(agentId, 5, [tourOfB]), HttpStatusCode.UnprocessableEntity);
        var grant = await (await _factory.Operator().GrantAsync(agentId, 5, [granted])).JsonAsync();

        // Operator A's grant sells A's granted tour only: not A's other tour, never B's.
        await DiscoveryApi.AssertProblemAsync(await agent.BookAsync(AgentBody(otherDeparture, 1, null)), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await agent.BookAsync(AgentBody(departureOfB, 1, null)), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await tourist.BookAsync(AgentBody(grantedDeparture, 1, agentId)), HttpStatusCode.BadRequest, "clientUserId");
        await DiscoveryApi.AssertProblemAsync(await agent.BookAsync(AgentBody(grantedDeparture, 1, agentId)), HttpStatusCode.BadRequest, "clientUserId");
        var held = await agent.SellAsync(grantedDeparture, 1);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/bookings/{held.Id()}")).StatusCode);

        // Operator B sees none of A's grants; A revokes, and the agent sells no more.
        Assert.Empty((await operatorB.GetJsonAsync("/api/operator/agents")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await operatorB.DeleteAsync($"/api/operator/agents/{grant.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Operator().DeleteAsync($"/api/operator/agents/{grant.Id()}")).StatusCode);
        await DiscoveryApi.AssertProblemAsync(await agent.BookAsync(AgentBody(grantedDeparture, 1, null)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GrantByTheAgentsEmail_AndRevoke_EachEmailTheAgent()
    {
        var (agentId, _) = await _factory.StaffAsync("Agent");
        var email = await WithUsersAsync(users => users.FindAsync(agentId, CancellationToken.None));
        var tour = await _factory.PublishedTourAsync();
        var title = (await _factory.Operator().GetJsonAsync($"/api/tours/{tour}")).GetProperty("title").GetProperty("en").GetString()!;

        var response = await _factory.Operator().PostAsJsonAsync("/api/operator/agents", new
        {
            agentEmail = email!.Email.ToUpperInvariant(),
            commissionPercent = 7.5m,
            tourIds = new[] { tour },
            validFrom = AgentsHost.Start,
            validTo = AgentsHost.Start.AddDays(30),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var grant = await response.JsonAsync();
        Assert.Equal((agentId, email.Email), (grant.GetProperty("agentUserId").GetGuid(), grant.GetProperty("agentEmail").GetString()));
        var listed = (await _factory.Operator().GetJsonAsync("/api/operator/agents")).GetProperty("items").EnumerateArray().Single(g => g.Id() == grant.Id());
        Assert.Equal(email.Email, listed.GetProperty("agentEmail").GetString());

        // The agent is told the terms: commission, tours, validity (as the template renders the queued message).
        await _factory.WaitForMessageAsync(agentId, "agent-granted");
        var granted = Assert.Single(await _factory.RenderedAsync(agentId, "agent-granted"));
        Assert.Contains("Commission: 7.5 %", granted.Text, StringComparison.Ordinal);
        Assert.Contains(title, granted.Text, StringComparison.Ordinal);
        Assert.Contains("Valid until: 1 July 2027, 12:00 (Asia/Kamchatka)", granted.Text, StringComparison.Ordinal);
        Assert.Contains("7.5 %", granted.Subject, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Operator().DeleteAsync($"/api/operator/agents/{grant.Id()}")).StatusCode);
        await _factory.WaitForMessageAsync(agentId, "agent-revoked");
        Assert.Contains("withdrew", Assert.Single(await _factory.RenderedAsync(agentId, "agent-revoked")).Subject, StringComparison.Ordinal);
        // A repeated revoke changes nothing and tells nobody again.
        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Operator().DeleteAsync($"/api/operator/agents/{grant.Id()}")).StatusCode);
        Assert.Single(await _factory.MessagesToAsync(agentId), m => m.Type == "agent-revoked");

        // Naming the agent twice, or by an address that is not an agent's, is refused.
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().PostAsJsonAsync("/api/operator/agents",
            new { agentUserId = agentId, agentEmail = email.Email, commissionPercent = 5 }), HttpStatusCode.BadRequest, "agentEmail");
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().PostAsJsonAsync("/api/operator/agents",
            new { agentEmail = "nobody-" + Guid.NewGuid().ToString("N") + "@example.com", commissionPercent = 5 }), HttpStatusCode.UnprocessableEntity);
    }

    private async Task<T> WithUsersAsync<T>(Func<IUserDirectory, Task<T>> read)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IUserDirectory>());
    }

    /// <summary>Operator, platform and agent accounts of the booking: each as expected, and together what the client kept.</summary>
    private async Task AssertSplitAsync(Guid bookingId, long platform, long agentShare, long kept)
    {
        var sums = await _factory.WithPaymentsDbAsync(db => db.Ledger.AsNoTracking().Where(l => l.BookingId == bookingId)
            .GroupBy(l => l.Account).Select(g => new { Account = g.Key, Sum = g.Sum(l => l.AmountMinor) }).ToDictionaryAsync(g => g.Account, g => g.Sum));
        Assert.Equal(platform, sums.GetValueOrDefault(LedgerAccounts.Platform));
        Assert.Equal(agentShare, sums.GetValueOrDefault(LedgerAccounts.Agent));
        Assert.Equal(kept - platform - agentShare, sums.GetValueOrDefault(LedgerAccounts.Operator));
    }

    internal static object AgentBody(Guid departureId, int adults, Guid? clientUserId) => new
    {
        departureId,
        adults,
        participants = Enumerable.Range(1, adults).Select(i => new { name = $"Client {i}" }).ToArray(),
        contact = new { email = "client@example.com", phone = "+7 900 000-00-00" },
        clientUserId,
    };

    internal static async Task<JsonElement> SellAsync(HttpClient agent, Guid departureId, int adults, Guid? clientUserId)
    {
        var response = await agent.BookAsync(AgentBody(departureId, adults, clientUserId));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}

internal static class AgentApi
{
    public static Task<HttpResponseMessage> GrantAsync(this HttpClient op, Guid agentUserId, decimal commissionPercent, Guid[]? tourIds) =>
        op.PostAsJsonAsync("/api/operator/agents", new { agentUserId, commissionPercent, tourIds, validFrom = AgentsHost.Start.AddDays(-1) });

    /// <summary>An agent's booking for a client (its tourist account when named); fails the test unless 201.</summary>
    public static Task<JsonElement> SellAsync(this HttpClient agent, Guid departureId, int adults, Guid? clientUserId = null) =>
        AgentTests.SellAsync(agent, departureId, adults, clientUserId);
}
