using System.Net;
using System.Net.Http.Json;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>Who may write a tour: its own operator or an admin; another operator or a tourist 403; no token 401.</summary>
public sealed class TourAccessTests(DiscoveryFixture fx) : IClassFixture<DiscoveryFixture>
{
    public static TheoryData<string, string, HttpStatusCode> Cases()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var action in new[] { "update", "delete", "publish", "archive" })
        {
            data.Add(action, "own-operator", action == "delete" ? HttpStatusCode.NoContent : HttpStatusCode.OK);
            data.Add(action, "admin", action == "delete" ? HttpStatusCode.NoContent : HttpStatusCode.OK);
            data.Add(action, "other-operator", HttpStatusCode.Forbidden);
            data.Add(action, "tourist", HttpStatusCode.Forbidden);
            data.Add(action, "anonymous", HttpStatusCode.Unauthorized);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TourWrite_WhenCalledByActor_AnswersItsRoleAndOwnership(string action, string actor, HttpStatusCode expected)
    {
        var tour = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody());
        var client = await ClientAsync(actor);

        var response = action switch
        {
            "update" => await client.PutAsJsonAsync($"/api/tours/{tour.Id()}", DiscoveryApi.TourBody()),
            "delete" => await client.DeleteAsync($"/api/tours/{tour.Id()}"),
            _ => await client.PostAsync($"/api/tours/{tour.Id()}/{action}", null),
        };

        Assert.Equal(expected, response.StatusCode);
        var after = await fx.Operator.GetAsync($"/api/tours/{tour.Id()}");
        if (expected is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            // A refused write leaves the tour exactly as it was.
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            var unchanged = await after.JsonAsync();
            Assert.Equal("draft", unchanged.GetProperty("status").GetString());
            Assert.Equal(tour.GetProperty("title").GetProperty("en").GetString(), unchanged.GetProperty("title").GetProperty("en").GetString());
        }
        else if (action == "delete") Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task CreateTour_WhenOperator_CreatesDraftForOwnOrganisation()
    {
        var tour = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody());

        Assert.Equal(DemoOperators.Primary, tour.GetProperty("operatorId").GetGuid());
        Assert.Equal("draft", tour.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CreateTour_WhenOperatorNamesAnotherOrganisation_Returns403()
    {
        var (other, _) = await fx.Factory.OtherOperatorAsync();

        var response = await other.PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody(change: b => b["operatorId"] = DemoOperators.Primary));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateTour_WhenTourist_Returns403()
    {
        var response = await fx.Tourist.PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CreateTour_WhenAnonymous_Returns401()
    {
        var response = await fx.Anonymous.PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateTour_WhenAdminNamesOperator_CreatesForThatOperator()
    {
        var (_, otherId) = await fx.Factory.OtherOperatorAsync();

        var tour = await fx.Admin.CreateTourAsync(DiscoveryApi.TourBody(change: b => b["operatorId"] = otherId));

        Assert.Equal(otherId, tour.GetProperty("operatorId").GetGuid());
    }

    [Fact]
    public async Task CreateTour_WhenAdminOmitsOperator_Returns400NamingOperatorId()
    {
        var response = await fx.Admin.PostAsJsonAsync("/api/tours", DiscoveryApi.TourBody());

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "operatorId");
    }

    [Fact]
    public async Task CreateTour_WhenOperatorCreatedThroughAdminApi_OwnsOnlyItsTours()
    {
        // A brand-new organisation and its first user, made the way an admin onboards an operator.
        var org = await (await fx.Admin.PostAsJsonAsync("/api/operators", new { name = "Test Org " + DiscoveryApi.UniqueWord(), region = "kamchatka" })).JsonAsync();
        var email = $"op-{Guid.NewGuid():N}@example.com";
        var user = await fx.Admin.PostAsJsonAsync("/api/admin/users", new { email, password = "Correct-Horse-1", role = "operator", operatorId = org.Id() });
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        var newOperator = await fx.Factory.SignedInClientAsync(email, "Correct-Horse-1");
        var demoTour = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody());

        var own = await newOperator.CreateTourAsync(DiscoveryApi.TourBody());
        var foreign = await newOperator.PutAsJsonAsync($"/api/tours/{demoTour.Id()}", DiscoveryApi.TourBody());

        Assert.Equal(org.Id(), own.GetProperty("operatorId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task GetTour_WhenDraft_VisibleOnlyToItsOperatorAndAdmin()
    {
        var tour = await fx.Operator.CreateTourAsync(DiscoveryApi.TourBody());
        var (other, _) = await fx.Factory.OtherOperatorAsync();

        Assert.Equal(HttpStatusCode.OK, (await fx.Operator.GetAsync($"/api/tours/{tour.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.Admin.GetAsync($"/api/tours/{tour.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/tours/{tour.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Tourist.GetAsync($"/api/tours/{tour.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Anonymous.GetAsync($"/api/tours/{tour.GetProperty("slug").GetString()}")).StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string actor) => actor switch
    {
        "own-operator" => fx.Operator,
        "admin" => fx.Admin,
        "other-operator" => (await fx.Factory.OtherOperatorAsync()).Client,
        "tourist" => fx.Tourist,
        _ => fx.Anonymous,
    };
}
