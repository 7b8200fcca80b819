using System.Net;
using System.Text;
using System.Text.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Fuzz;

/// <summary>
/// Every operation of the OpenAPI document, read at test time, gets malformed JSON, wrong types, boundary numbers,
/// huge strings, NUL/RTL/emoji, bad GUIDs and bad paging values, as an admin and anonymously. No answer may be a 5xx,
/// and every error must be problem+json. Bounded (a few dozen requests per operation) to stay within a minute or two.
/// </summary>
public sealed class FuzzTests : IClassFixture<FuzzTests.Fixture>
{
    private readonly Fixture _fx;
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public FuzzTests(Fixture fx, Xunit.Abstractions.ITestOutputHelper output)
    {
        _fx = fx;
        _output = output;
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public KamHubFactory Factory { get; } = new();

        internal IReadOnlyList<FuzzOperation> Operations { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var document = JsonDocument.Parse(await Factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
            Operations = OpenApiOperations.Read(document);
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void OpenApi_ListsTheOperationsTheFuzzerCovers()
    {
        // A document the fuzzer could not read would make the other tests pass vacuously.
        Assert.True(_fx.Operations.Count >= 30, $"only {_fx.Operations.Count} operations read");
        Assert.Contains(_fx.Operations, o => o.Method == "POST" && o.Path == "/api/bookings" && o.BodyFields.Count > 0);
        Assert.Contains(_fx.Operations, o => o.Method == "GET" && o.Path == "/api/admin/dead-letters" && o.Query.Any(q => q.Name == "limit"));
    }

    [Fact]
    public Task EveryOperation_AsAdmin_AnswersNo5xxAndOnlyProblemJsonErrors() => FuzzAsync(_fx.Factory.ClientAs("Admin"));

    [Fact]
    public Task EveryOperation_Anonymously_AnswersNo5xxAndOnlyProblemJsonErrors() => FuzzAsync(_fx.Factory.CreateClient());

    private async Task FuzzAsync(HttpClient client)
    {
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in _fx.Operations)
        {
            foreach (var fuzz in FuzzCases.For(operation))
            {
                sent++;
                using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Url);
                request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                if (fuzz.Body is not null) request.Content = new StringContent(fuzz.Body, Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (status >= 500 || (status >= 400 && !problem))
                    failures.Add($"{operation} [{fuzz.What}] {fuzz.Url[..Math.Min(fuzz.Url.Length, 120)]} -> {status} {response.Content.Headers.ContentType?.MediaType}");
            }
        }

        _output.WriteLine($"{sent} requests to {_fx.Operations.Count} operations, {failures.Count} failures");
        Assert.True(sent > 500, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers were 5xx or not problem+json:\n" + string.Join("\n", failures.Take(60)));
    }
}
