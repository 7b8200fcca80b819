using System.Text.Json;

namespace KamHub.Web.Api;

/// <summary>An RFC 7807 answer of the API, with its field errors keyed as the API names them ("contact.email").</summary>
internal sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ApiProblem Read(int status, string body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(e => e.ToString()).ToArray() : [field.Value.ToString()];
            }

            return new ApiProblem(status, Text(root, "title"), Text(root, "detail"), errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, null, null, errors);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
