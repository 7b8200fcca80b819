using System.Text;
using System.Text.Json;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>One Server-Sent Event as a browser's EventSource sees it.</summary>
internal sealed record SseEvent(string Type, string Data, string? Id)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>
/// Reads a text/event-stream response line by line (the SSE format: "event:", "data:", "id:" fields, an empty line ends
/// an event). Every read carries the reader's bounded token, so a stream that never sends fails the test instead of
/// hanging it.
/// </summary>
internal sealed class SseReader(HttpResponseMessage response, StreamReader reader, CancellationToken ct) : IAsyncDisposable
{
    public static async Task<SseReader> OpenAsync(HttpResponseMessage response, CancellationToken ct) =>
        new(response, new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8), ct);

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync()
    {
        string? type = null, id = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is null && data.Length == 0) continue;
                return new SseEvent(type ?? "message", data.ToString(), id);
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }

        return null;
    }

    /// <summary>The next event of <paramref name="type"/>, skipping others (pings, read states), or null at the stream's end.</summary>
    public async Task<SseEvent?> NextOfAsync(string type)
    {
        while (await NextAsync() is { } e)
            if (e.Type == type) return e;
        return null;
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
