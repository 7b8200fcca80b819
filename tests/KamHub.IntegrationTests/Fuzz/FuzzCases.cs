using System.Text;
using System.Text.Json;

namespace KamHub.IntegrationTests.Fuzz;

/// <summary>One request of the fuzz run: where it goes and the raw body (null: none).</summary>
internal sealed record FuzzCase(string Method, string Url, string? Body, string What);

/// <summary>
/// The requests for one operation, bounded: every hostile body once as a whole, every field with a rotating handful
/// of hostile values (the rest of the body plausible, so the value reaches validation), every query parameter the
/// same way, every route parameter with bad ids. Deterministic, so a failure reproduces.
/// </summary>
internal static class FuzzCases
{
    private const int ValuesPerField = 4;

    public static IEnumerable<FuzzCase> For(FuzzOperation op)
    {
        var path = Route(op, null);
        // Not %00: Kestrel refuses a NUL in the path itself (400) before the application, and the test host throws on it.
        foreach (var parameter in op.PathParameters)
        {
            foreach (var bad in new[] { "not-a-guid", "00000000-0000-0000-0000-000000000000", "%1B", "%E2%80%AE", new string('9', 300) })
                yield return new FuzzCase(op.Method, Route(op, (parameter, bad)), op.HasBody ? Plausible(op, null, null) : null, $"path {parameter}={Short(bad)}");
        }

        for (var q = 0; q < op.Query.Count; q++)
        {
            var (name, _) = op.Query[q];
            for (var k = 0; k < ValuesPerField; k++)
            {
                var value = FuzzValues.Text[(q * ValuesPerField + k) % FuzzValues.Text.Length];
                yield return new FuzzCase(op.Method, $"{path}?{name}={Escape(value)}", op.HasBody ? Plausible(op, null, null) : null, $"query {name}={Short(value)}");
            }
        }

        if (op.Query.Count > 0)
        {
            // Every parameter hostile at once: paging, filters and ids together.
            foreach (var value in FuzzValues.Text.Take(8))
                yield return new FuzzCase(op.Method, path + "?" + string.Join("&", op.Query.Select(x => $"{x.Name}={Escape(value)}")), null, $"all query={Short(value)}");
        }

        if (!op.HasBody) yield break;
        foreach (var body in FuzzValues.MalformedBodies) yield return new FuzzCase(op.Method, path, body, $"body {Short(body)}");
        foreach (var value in FuzzValues.Json) yield return new FuzzCase(op.Method, path, value, $"body {Short(value)}");
        yield return new FuzzCase(op.Method, path, Plausible(op, null, null), "plausible body");
        for (var f = 0; f < op.BodyFields.Count; f++)
        {
            var (name, _) = op.BodyFields[f];
            for (var k = 0; k < ValuesPerField; k++)
            {
                var value = FuzzValues.Json[(f * ValuesPerField + k) % FuzzValues.Json.Length];
                yield return new FuzzCase(op.Method, path, Plausible(op, name, value), $"field {name}={Short(value)}");
            }
        }
    }

    private static string Route(FuzzOperation op, (string Name, string Value)? bad)
    {
        var path = op.Path;
        foreach (var name in op.PathParameters)
            path = path.Replace("{" + name + "}", bad?.Name == name ? bad.Value.Value : Guid.NewGuid().ToString(), StringComparison.Ordinal);
        return path;
    }

    /// <summary>A body whose fields have values of their schema's type, except <paramref name="field"/>.</summary>
    private static string Plausible(FuzzOperation op, string? field, string? value)
    {
        var body = new StringBuilder("{");
        foreach (var (name, schema) in op.BodyFields)
        {
            if (body.Length > 1) body.Append(',');
            body.Append(JsonSerializer.Serialize(name)).Append(':').Append(name == field ? value : Sample(name, schema));
        }

        return body.Append('}').ToString();
    }

    /// <summary>Well-formed enough that a hostile value in another field is what validation meets.</summary>
    private static string Sample(string name, JsonElement schema)
    {
        if (name.Contains("email", StringComparison.OrdinalIgnoreCase)) return "\"fuzz@example.com\"";
        if (name.Contains("phone", StringComparison.OrdinalIgnoreCase)) return "\"+79001234567\"";
        if (name.Contains("password", StringComparison.OrdinalIgnoreCase)) return "\"Fuzz-Password-123\"";
        if (schema.ValueKind != JsonValueKind.Object) return "null";
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var types = !schema.TryGetProperty("type", out var t) ? [] : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).ToArray() : [t.GetString()];
        if (format == "uuid") return $"\"{Guid.NewGuid()}\"";
        if (format == "date-time") return "\"2027-07-01T08:00:00Z\"";
        if (types.Contains("integer") || types.Contains("number")) return "1";
        if (types.Contains("boolean")) return "true";
        if (types.Contains("array")) return "[]";
        if (types.Contains("string")) return "\"fuzz\"";
        return types.Contains("object") ? "{}" : "null";
    }

    private static string Escape(string value) => value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);

    private static string Short(string value) => value.Length > 40 ? value[..20] + $"…({value.Length} chars)" : value;
}
