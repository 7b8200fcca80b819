using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KamHub.Core.OpenApi;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Platform;

/// <summary>
/// The OpenAPI document against the app's real endpoint table: every endpoint is documented (an endpoint added
/// tomorrow without a description fails here), token endpoints carry the bearer requirement, and every operation
/// documents its success schema and the problem answers the platform gives.
/// </summary>
public sealed partial class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.Fixture>
{
    /// <summary>Deliberately not in the API document: probes, the scrape, and the document itself.</summary>
    private static readonly HashSet<string> Undocumented = ["GET /health/live", "HEAD /health/live", "GET /health/ready", "HEAD /health/ready", "GET /metrics", "GET /openapi/{documentName}.json"];

    private readonly Fixture _fx;

    public OpenApiDocumentTests(Fixture fx) => _fx = fx;

    public sealed class Fixture : IAsyncLifetime
    {
        public KamHubFactory Factory { get; } = new();

        public JsonElement Document { get; private set; }

        /// <summary>"METHOD /path" of every operation in the document.</summary>
        public Dictionary<string, JsonElement> Operations { get; } = [];

        /// <summary>"METHOD /path" of every endpoint the app routes to, with its metadata.</summary>
        public Dictionary<string, EndpointMetadataCollection> Endpoints { get; } = [];

        public async Task InitializeAsync()
        {
            Document = JsonDocument.Parse(await Factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.Clone();
            foreach (var path in Document.GetProperty("paths").EnumerateObject())
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                    Operations[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = operation.Value;

            foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            {
                // The web pages' own assets (/site.css) are not API: hidden on purpose, and only outside /api.
                if (IsHiddenPageAsset(endpoint)) continue;
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                    Endpoints[$"{method} {DocumentPath(endpoint.RoutePattern.RawText!)}"] = endpoint.Metadata;
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private static bool IsHiddenPageAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
        && !endpoint.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal);

    [Fact]
    public void EveryEndpoint_IsInTheDocument()
    {
        Assert.True(_fx.Endpoints.Count >= 50, $"only {_fx.Endpoints.Count} endpoints found");
        var missing = _fx.Endpoints.Keys.Where(e => !_fx.Operations.ContainsKey(e) && !Undocumented.Contains(e)).Order().ToList();
        Assert.True(missing.Count == 0, "Endpoints missing from the OpenAPI document:\n" + string.Join('\n', missing));
        var phantom = _fx.Operations.Keys.Where(o => !_fx.Endpoints.ContainsKey(o)).ToList();
        Assert.True(phantom.Count == 0, "Documented operations no endpoint serves:\n" + string.Join('\n', phantom));
    }

    [Fact]
    public void TokenEndpoints_CarryTheBearerRequirement_AndOnlyThey()
    {
        var scheme = _fx.Document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var wrong = new List<string>();
        foreach (var (key, operation) in _fx.Operations)
        {
            var needsToken = EndpointAccess.RequiresToken(_fx.Endpoints[key]);
            var documented = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _));
            if (needsToken != documented) wrong.Add($"{key}: needs a token {needsToken}, documented {documented}");
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        // The sample the rule must cover both ways.
        Assert.True(EndpointAccess.RequiresToken(_fx.Endpoints["POST /api/bookings"]));
        Assert.False(EndpointAccess.RequiresToken(_fx.Endpoints["GET /api/tours"]));
    }

    [Fact]
    public void EveryOperation_DocumentsItsSuccessSchemaAndProblemAnswers()
    {
        var wrong = new List<string>();
        foreach (var (key, operation) in _fx.Operations)
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0) wrong.Add($"{key}: no success response");
            foreach (var (status, response) in success.Where(r => r.Key != "204"))
                if (!HasSchema(response)) wrong.Add($"{key}: {status} has no schema");

            var metadata = _fx.Endpoints[key];
            var expected = new List<string> { "429" };
            if (EndpointAccess.RequiresToken(metadata)) expected.Add("401");
            if (EndpointAccess.RequiresPermission(metadata)) expected.Add("403");
            if (key.Contains('{', StringComparison.Ordinal)) expected.AddRange(["400", "404"]);
            if (!key.StartsWith("GET ", StringComparison.Ordinal)) expected.Add("409");
            wrong.AddRange(expected.Where(code => !responses.ContainsKey(code)).Select(code => $"{key}: {code} not documented"));

            foreach (var (status, response) in responses.Where(r => r.Key[0] == '4'))
                if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                    wrong.Add($"{key}: {status} is not problem+json");
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void Bookings_AreTypedWithThePaymentBesideTheBooking()
    {
        foreach (var (key, status) in new[] { ("POST /api/bookings", "201"), ("POST /api/bookings", "200"), ("GET /api/bookings/{id}", "200") })
        {
            var schema = Resolve(_fx.Operations[key].GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            var properties = schema.GetProperty("properties");
            foreach (var field in new[] { "id", "reference", "status", "amount", "currency", "holdExpiresAt", "payment" })
                Assert.True(properties.TryGetProperty(field, out _), $"{key} {status}: no {field}");
            Assert.Equal("string", properties.GetProperty("reference").GetProperty("type").GetString());
            Assert.Equal("integer", properties.GetProperty("amount").GetProperty("type").GetString());
        }

        var header = _fx.Operations["POST /api/bookings"].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.True(header.GetProperty("required").GetBoolean());
    }

    /// <summary>Every query parameter that is not text, in every operation: "abc" answers a 400 naming it, in plain words.</summary>
    [Fact]
    public async Task BadQueryValue_AnyEndpoint_NamesTheParameterAndTheExpectedKindInPlainWords()
    {
        var admin = _fx.Factory.ClientAs("Admin");
        // Agent routes are the Agent role's alone (RoleMatrixTests): an admin would meet 403 before the query is read.
        var agent = _fx.Factory.ClientAs("Agent");
        var checkedCount = 0;
        var wrong = new List<string>();
        foreach (var (key, operation) in _fx.Operations.Where(o => o.Key.StartsWith("GET ", StringComparison.Ordinal)))
        {
            if (!operation.TryGetProperty("parameters", out var parameters)) continue;
            foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query" && !IsText(p.GetProperty("schema"))))
            {
                var name = parameter.GetProperty("name").GetString()!;
                var path = PathParameter().Replace(key["GET ".Length..], Guid.NewGuid().ToString());
                var client = path.StartsWith("/api/agent/", StringComparison.Ordinal) ? agent : admin;
                var response = await client.GetAsync($"{path}?{name}=abc");
                checkedCount++;
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains($"\"{name}\":[\"must be ", StringComparison.OrdinalIgnoreCase)
                    || body.Contains("Nullable", StringComparison.Ordinal) || body.Contains("Int32", StringComparison.Ordinal))
                    wrong.Add($"{key} ?{name}=abc: {(int)response.StatusCode} {body}");
            }
        }

        Assert.True(checkedCount >= 8, $"only {checkedCount} typed query parameters found");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task BadLimit_SaysWholeNumber()
    {
        var response = await _fx.Factory.CreateClient().GetAsync("/api/tours?limit=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        var message = errors.EnumerateObject().Single(e => e.Name.Equals("limit", StringComparison.OrdinalIgnoreCase)).Value[0].GetString();
        Assert.Equal("must be a whole number.", message);
    }

    /// <summary>The document upload reads its form by hand (for its size limit), so it declares the form itself (FileUploadDocumentation).</summary>
    [Fact]
    public void DocumentUpload_DeclaresItsMultipartFormWithABinaryFilePart()
    {
        var body = _fx.Operations["POST /api/operator/application/documents"].GetProperty("requestBody");
        var form = Resolve(body.GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema"));
        var file = Resolve(form.GetProperty("properties").GetProperty("file"));
        Assert.Equal("binary", file.GetProperty("format").GetString());
        Assert.Contains("file", form.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    private static bool IsText(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.String ? type.GetString() == "string" : type.EnumerateArray().Any(t => t.GetString() == "string"))
        && !schema.TryGetProperty("format", out _);

    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out var s) && s.EnumerateObject().Any());

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? _fx.Document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    /// <summary>The route's text as the document spells it: no constraints, no trailing slash.</summary>
    private static string DocumentPath(string route)
    {
        var path = RouteConstraint().Replace(route, "{$1}");
        path = path.Length > 1 ? path.TrimEnd('/') : path;
        return path.StartsWith('/') ? path : "/" + path;
    }

    [GeneratedRegex(@"\{\*?([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
