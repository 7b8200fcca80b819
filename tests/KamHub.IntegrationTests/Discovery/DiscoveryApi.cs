using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>Calls the catalog endpoints the way an operator's script or a shop front would.</summary>
internal static class DiscoveryApi
{
    /// <summary>A word no demo tour contains (letters only, so both full-text tokenizers keep it whole).</summary>
    public static string UniqueWord(string prefix = "zq")
    {
        return prefix + new string(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
    }

    /// <summary>The body scripts send (issue 2), with overrides by JSON name.</summary>
    public static Dictionary<string, object?> TourBody(string? word = null, Action<Dictionary<string, object?>>? change = null)
    {
        word ??= UniqueWord();
        var body = new Dictionary<string, object?>
        {
            ["title"] = new { ru = $"Тестовый тур {word}", en = $"Test tour {word}" },
            ["description"] = new { ru = "Прогулка у подножия вулкана.", en = "A walk at the foot of a volcano." },
            ["region"] = "kamchatka",
            ["durationMinutes"] = 240,
            ["basePrice"] = 500_000L,
            ["currency"] = "RUB",
            ["maxGroupSize"] = 10,
            ["difficulty"] = "moderate",
            ["tags"] = new[] { "test" },
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> CreateTourAsync(this HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/tours", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> CreatePublishedAsync(this HttpClient client, Dictionary<string, object?> body)
    {
        var id = (await client.CreateTourAsync(body)).GetProperty("id").GetGuid();
        var published = await client.PostAsync($"/api/tours/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return await published.JsonAsync();
    }

    /// <summary>One page of GET /api/tours?query; fails the test on anything but 200.</summary>
    public static async Task<(List<JsonElement> Items, string? NextCursor)> SearchAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/tours?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.JsonAsync();
        var next = body.GetProperty("nextCursor");
        return (body.GetProperty("items").EnumerateArray().ToList(), next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    public static async Task<List<Guid>> SearchIdsAsync(this HttpClient client, string query) =>
        (await client.SearchAsync(query)).Items.Select(i => i.GetProperty("id").GetGuid()).ToList();

    /// <summary>An operator user of a demo organisation other than operator@demo.kamhub.local's.</summary>
    public static async Task<(HttpClient Client, Guid OperatorId)> OtherOperatorAsync(this KamHubFactory factory)
    {
        var operators = await (await factory.CreateClient().GetAsync("/api/operators")).JsonAsync();
        var other = operators.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).First(id => id != DemoOperators.Primary);
        return (factory.ClientAs("Operator", other), other);
    }

    public static Guid Id(this JsonElement tour) => tour.GetProperty("id").GetGuid();

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is null) return;
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for '{field}' in {errors}");
    }
}
