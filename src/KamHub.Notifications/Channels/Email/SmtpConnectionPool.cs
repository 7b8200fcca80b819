using System.Collections.Concurrent;
using MailKit.Net.Smtp;

namespace KamHub.Notifications.Channels.Email;

/// <summary>
/// Connected, authenticated SMTP clients kept between messages. A connection idle longer than <see cref="SmtpOptions.MaxIdle"/>
/// or made with older settings is closed instead of reused (relays drop idle sessions, typically after a minute or more);
/// at most <see cref="SmtpOptions.PoolSize"/> idle ones are kept. A failed connection is never returned.
/// </summary>
internal sealed class SmtpConnectionPool(TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentQueue<SmtpConnection> _idle = new();

    /// <summary>Connections opened so far (a figure for tests and the benchmark).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    private long _opened;

    public async Task<SmtpConnection> RentAsync(SmtpOptions settings, CancellationToken ct)
    {
        while (_idle.TryDequeue(out var idle))
        {
            if (ReferenceEquals(idle.Settings, settings) && idle.Client.IsConnected && time.GetElapsedTime(idle.ReturnedAt) < settings.MaxIdle)
                return idle with { Reused = true };
            await idle.CloseAsync();
        }

        return await ConnectAsync(settings, ct);
    }

    public async Task<SmtpConnection> ConnectAsync(SmtpOptions settings, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
            if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, ct);
            Interlocked.Increment(ref _opened);
            return new SmtpConnection(client, settings, time.GetTimestamp(), Reused: false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task ReturnAsync(SmtpConnection connection)
    {
        if (_idle.Count >= connection.Settings.PoolSize || !connection.Client.IsConnected)
        {
            await connection.CloseAsync();
            return;
        }

        _idle.Enqueue(connection with { ReturnedAt = time.GetTimestamp(), Reused = false });
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var idle)) await idle.CloseAsync();
    }
}

/// <param name="ReturnedAt">TimeProvider timestamp of when it went idle.</param>
/// <param name="Reused">Rented from the pool (it may have been dropped by the relay meanwhile), not freshly connected.</param>
internal sealed record SmtpConnection(SmtpClient Client, SmtpOptions Settings, long ReturnedAt, bool Reused) : IDisposable
{
    public void Dispose() => Client.Dispose();

    /// <summary>QUIT politely, briefly; a relay that does not answer is simply cut off.</summary>
    public async Task CloseAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (Client.IsConnected) await Client.DisconnectAsync(quit: true, quick.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ServiceNotConnectedException or SmtpProtocolException
                                       or SmtpCommandException or System.Net.Sockets.SocketException)
        {
        }
        finally
        {
            Client.Dispose();
        }
    }
}
