using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Every list endpoint reads limit and cursor through the same rules: out-of-range values are 400 naming them.</summary>
/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class PagingTests(KamHubFactory factory) : IClassFixture<KamHubFactory>
{
    private readonly KamHubFactory _factory = factory;

    public static TheoryData<string, string> BadPages() => new()
    {
        { "/api/admin/dead-letters?limit=-1", "limit" },
        { "/api/admin/dead-letters?limit=0", "limit" },
        { "/api/admin/dead-letters?limit=100000", "limit" },
        { "/api/admin/events?limit=0", "limit" },
        { "/api/admin/events?limit=100000", "limit" },
        { "/api/admin/events?cursor=not-a-cursor", "cursor" },
        { "/api/me/bookings?limit=0", "limit" },
        { "/api/me/bookings?limit=100000", "limit" },
        { "/api/me/bookings?cursor=zzz", "cursor" },
        { "/api/operator/bookings?limit=-5", "limit" },
        { "/api/tours?limit=0", "limit" },
        { "/api/tours?limit=100000", "limit" },
        { "/api/tours?cursor=%00", "cursor" },
        { "/api/admin/notifications?limit=0", "limit" },
        { "/api/admin/notifications?cursor=zzz", "cursor" },
        { "/api/admin/payouts?limit=100000", "limit" },
        { "/api/admin/flags/booking.checkout/history?limit=0", "limit" },
        { "/api/admin/flags/booking.checkout/history?cursor=zzz", "cursor" },
    };

    [Theory]
    [MemberData(nameof(BadPages))]
    public async Task List_WithALimitOrCursorOutOfRange_Answers400NamingIt(string url, string field)
    {
        var response = await _factory.ClientAs("Admin").GetAsync(url);

        await InputProblems.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/admin/dead-letters?limit=1")]
    [InlineData("/api/admin/dead-letters?limit=500")]
    [InlineData("/api/admin/events?limit=500")]
    public async Task List_WithALimitInRange_Answers200(string url)
    {
        var response = await _factory.ClientAs("Admin").GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
