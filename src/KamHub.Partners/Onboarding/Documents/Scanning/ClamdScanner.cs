using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Partners.Onboarding.Documents.Scanning;

/// <summary>
/// Scans a document with ClamAV's clamd over TCP, the INSTREAM command: <c>zINSTREAM\0</c>, then chunks each prefixed with
/// its length (4 bytes, big-endian), a zero length to end, and one reply ending in NUL: <c>stream: OK</c>,
/// <c>stream: NAME FOUND</c> or <c>… ERROR</c>. Written here because no maintained .NET client exists (ADR 0025, update);
/// the protocol is these few lines. One connection per scan: uploads are rare, and clamd closes idle sessions anyway.
/// </summary>
internal sealed class ClamdScanner(IOptions<PartnersOptions> options, ILogger<ClamdScanner> logger)
{
    /// <summary>Below clamd's default StreamMaxLength chunking needs; any size up to it works.</summary>
    private const int ChunkBytes = 64 * 1024;

    private const int MaxReplyBytes = 4096;

    public async Task<ScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ClamdHost)) return ScanResult.NotScanned;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.ClamdTimeoutSeconds));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(settings.ClamdHost, settings.ClamdPort, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var length = new byte[4];
            for (var offset = 0; offset < content.Length; offset += ChunkBytes)
            {
                var chunk = content.Slice(offset, Math.Min(ChunkBytes, content.Length - offset));
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)chunk.Length);
                await stream.WriteAsync(length, timeout.Token);
                await stream.WriteAsync(chunk, timeout.Token);
            }

            BinaryPrimitives.WriteUInt32BigEndian(length, 0);
            await stream.WriteAsync(length, timeout.Token);
            var result = Read(await ReplyAsync(stream, timeout.Token));
            if (result.Outcome == ScanOutcome.Unavailable) logger.LogError("clamd at {Host}:{Port} answered {Reply}", settings.ClamdHost, settings.ClamdPort, result.Detail);
            return result;
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(ex, "clamd at {Host}:{Port} did not scan a document", settings.ClamdHost, settings.ClamdPort);
            return new ScanResult(ScanOutcome.Unavailable, ex is OperationCanceledException ? "timed out" : ex.Message);
        }
    }

    /// <summary>clamd's reply to one stream: <c>stream: OK</c>, <c>stream: NAME FOUND</c>, anything else is an error.</summary>
    public static ScanResult Read(string reply)
    {
        const string prefix = "stream: ";
        const string found = " FOUND";
        if (reply == prefix + "OK") return ScanResult.Clean;
        if (reply.StartsWith(prefix, StringComparison.Ordinal) && reply.EndsWith(found, StringComparison.Ordinal))
            return new ScanResult(ScanOutcome.Infected, reply[prefix.Length..^found.Length]);
        return new ScanResult(ScanOutcome.Unavailable, reply);
    }

    private static async Task<string> ReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxReplyBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
            if (Array.IndexOf(buffer, (byte)0, read - n, n) >= 0) break;
        }

        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd('\0', '\n').Trim();
    }
}
