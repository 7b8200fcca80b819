using System.Text.Json;

namespace KamHub.IntegrationTests.Fuzz;

/// <summary>One operation of the OpenAPI document, with what a fuzzer needs: its parameters and body fields.</summary>
internal sealed record FuzzOperation(string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<(string Name, JsonElement Schema)> Query,
    IReadOnlyList<(string Name, JsonElement Schema)> BodyFields, bool HasBody)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads /openapi/v1.json at test time, so an endpoint added tomorrow is fuzzed without touching this suite.</summary>
internal static class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static IReadOnlyList<FuzzOperation> Read(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var pathParameters = parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList();
                var query = parameters.Where(x => x.GetProperty("in").GetString() == "query")
                    .Select(x => (x.GetProperty("name").GetString()!, x.TryGetProperty("schema", out var sc) ? sc : default)).ToList();
                var hasBody = method.Value.TryGetProperty("requestBody", out var body);
                var fields = hasBody ? BodyFields(body, schemas) : [];
                operations.Add(new FuzzOperation(method.Name.ToUpperInvariant(), path.Name, pathParameters, query, fields, hasBody));
            }
        }

        return operations;
    }

    private static List<(string, JsonElement)> BodyFields(JsonElement body, JsonElement schemas)
    {
        if (!body.TryGetProperty("content", out var content)) return [];
        var json = content.EnumerateObject().FirstOrDefault(x => x.Name.Contains("json", StringComparison.Ordinal));
        if (json.Value.ValueKind != JsonValueKind.Object || !json.Value.TryGetProperty("schema", out var schema)) return [];
        schema = Resolve(schema, schemas);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(x => (x.Name, Resolve(x.Value, schemas))).ToList()
            : [];
    }

    public static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        for (var i = 0; i < 5 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (schemas.ValueKind != JsonValueKind.Object || !schemas.TryGetProperty(name, out schema)) return default;
        }

        return schema;
    }
}
