using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Two requests racing for one unique value: one wins, the other hears 409 naming the field, never 500.</summary>
public sealed class UniqueViolationTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateOperator_WhenTenRequestsRaceForOneSlug_OneIsCreatedAndTheOthersGet409NamingSlug()
    {
        var admin = _factory.ClientAs("Admin");
        var slug = "race-" + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            admin.PostAsJsonAsync("/api/operators", new { name = $"Racer {i}", slug, region = "kamchatka" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await InputProblems.AssertAsync(response, HttpStatusCode.Conflict);
            Assert.Contains("slug", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
