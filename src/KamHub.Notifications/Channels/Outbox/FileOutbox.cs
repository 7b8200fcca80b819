using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels.Outbox;

/// <summary>Writes one file per message under &lt;outbox&gt;/&lt;channel&gt;/, whole or not at all (temp file, then rename).</summary>
internal sealed class FileOutbox(IOptionsMonitor<FileOutboxOptions> options, TimeProvider time)
{
    public string From => options.CurrentValue.From;

    public async Task<string> WriteAsync(OutgoingMessage message, string extension, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        var folder = Path.Combine(options.CurrentValue.Directory!, message.Channel.ToString().ToLowerInvariant());
        Directory.CreateDirectory(folder);
        // Sortable by time in a file listing; the delivery id ties the file to its record.
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'.'fff'Z'}-{message.DeliveryId:N}.{extension}";
        var path = Path.Combine(folder, name);
        var temp = path + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                await write(stream, ct);
            File.Move(temp, path, overwrite: true);
            return name;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ChannelProviderException(ChannelProviderCatalog.File, $"cannot write {path}: {ex.Message}", transient: true, ex);
        }
    }
}
