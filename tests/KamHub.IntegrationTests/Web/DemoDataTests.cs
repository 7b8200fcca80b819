using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Web;

/// <summary>The first start is a working marketplace: demo tours have departures with seats, the demo tourist has bookings
/// in every state (one of them paid in the sandbox and confirmed).</summary>
public sealed class DemoDataTests : IDisposable
{
    private readonly KamHubFactory _factory = new KamHubFactory().With("KamHub:Booking:DemoDepartures", "true")
        .With("KamHub:Partners:DemoAgency", "true");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task FreshStart_DemoToursHaveBookableDeparturesAndTheTouristHasBookingsInEachStateOneConfirmed()
    {
        var anonymous = _factory.CreateClient();
        JsonElement page = default;
        await BookingApi.EventuallyAsync(async () =>
        {
            page = await (await anonymous.GetAsync("/api/tours?limit=20")).JsonAsync();
            return page.GetProperty("items").EnumerateArray().All(t => t.GetProperty("nextDeparture").ValueKind == JsonValueKind.Object);
        }, "every demo tour in search shows its next departure");
        Assert.All(page.GetProperty("items").EnumerateArray(), t => Assert.True(t.GetProperty("nextDeparture").GetProperty("seatsLeft").GetInt32() > 0));

        var slug = page.GetProperty("items")[0].GetProperty("slug").GetString();
        var tour = await (await anonymous.GetAsync($"/api/tours/{slug}")).JsonAsync();
        Assert.True(tour.GetProperty("departures").GetArrayLength() >= 3);

        var tourist = await _factory.AsDemoAsync("tourist");
        JsonElement mine = default;
        // The paid one confirms when Booking reads its payment.succeeded, and the lapsed hold expires on the sweeper's next pass.
        await BookingApi.EventuallyAsync(async () =>
        {
            mine = await (await tourist.GetAsync("/api/me/bookings?limit=50")).JsonAsync();
            var states = mine.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("status").GetString()).ToHashSet();
            return states.IsSupersetOf(["confirmed", "held", "cancelled", "expired"]);
        }, "the demo tourist has a confirmed, a held, a cancelled and an expired booking");
        var confirmed = mine.GetProperty("items").EnumerateArray().First(b => b.GetProperty("status").GetString() == "confirmed");
        var paid = await (await tourist.GetAsync($"/api/bookings/{confirmed.GetProperty("id").GetString()}")).JsonAsync();
        Assert.Equal("succeeded", paid.GetProperty("payment").GetProperty("status").GetString());
        var held = mine.GetProperty("items").EnumerateArray().First(b => b.GetProperty("status").GetString() == "held");
        var payable = await (await tourist.GetAsync($"/api/bookings/{held.GetProperty("id").GetString()}")).JsonAsync();
        Assert.Equal(JsonValueKind.Object, payable.GetProperty("payment").ValueKind);
    }

    [Fact]
    public async Task FreshStart_DemoAgentManagesAnAgencyGrantedTheDemoOperatorsTours()
    {
        var agent = await _factory.AsDemoAsync("agent");
        var agency = await (await agent.GetAsync("/api/agent/agency")).JsonAsync();
        Assert.Equal("Demo Travel Agency", agency.GetProperty("agency").GetProperty("name").GetString());
        Assert.True(agency.GetProperty("isManager").GetBoolean());

        var desk = await _factory.AsDemoAsync("operator");
        var grants = await (await desk.GetAsync("/api/operator/agents")).JsonAsync();
        var grant = Assert.Single(grants.GetProperty("items").EnumerateArray(), g => g.GetProperty("agencyName").GetString() == "Demo Travel Agency");
        Assert.Equal(10m, grant.GetProperty("commissionPercent").GetDecimal());
    }
}
