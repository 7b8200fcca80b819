using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace KamHub.IntegrationTests.Notifications.Fakes;

/// <summary>
/// A small SMTP server on 127.0.0.1 (random port) that stores every message it receives, parsed by MimeKit.
/// <code>await using var smtp = await SmtpTestServer.StartAsync(); … smtp.Port … await smtp.WaitForAsync(m => m.Subject == "Hi");</code>
/// Hand-written because no SMTP server library is in the package registry this project can reach (SmtpServer by cosullivan is
/// not); it speaks just enough RFC 5321 for MailKit: EHLO/HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT. No TLS.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SmtpReceivedMessage> _messages = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly ConcurrentDictionary<TcpClient, bool> _open = new();
    private int _connections;
    private readonly Lock _gate = new();
    private readonly List<(Func<SmtpReceivedMessage, bool> Predicate, TaskCompletionSource<SmtpReceivedMessage> Done)> _waiters = [];
    private Task _acceptLoop = Task.CompletedTask;

    private SmtpTestServer(SmtpTestServerOptions options)
    {
        Options = options;
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    public SmtpTestServerOptions Options { get; }

    public string Host => "127.0.0.1";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every message accepted so far, in arrival order.</summary>
    public IReadOnlyList<SmtpReceivedMessage> Messages => _messages.ToArray();

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Closes every open connection, as a relay restarting or timing out idle sessions does; the server keeps listening.</summary>
    public void DropConnections()
    {
        foreach (var client in _open.Keys) client.Close();
    }

    public static Task<SmtpTestServer> StartAsync(SmtpTestServerOptions? options = null)
    {
        var server = new SmtpTestServer(options ?? new SmtpTestServerOptions());
        server._listener.Start();
        server._acceptLoop = server.AcceptLoopAsync();
        return Task.FromResult(server);
    }

    /// <summary>The first message (already received or still to come) that matches; fails after <paramref name="timeout"/> (default 30 s) so a broken test ends.</summary>
    public async Task<SmtpReceivedMessage> WaitForAsync(Func<SmtpReceivedMessage, bool> predicate, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<SmtpReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var already = _messages.FirstOrDefault(predicate);
            if (already is not null) return already;
            _waiters.Add((predicate, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching message arrived; received {_messages.Count}: " +
                                       string.Join(", ", _messages.Select(m => $"'{m.Subject}' to {string.Join(';', m.Recipients)}")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_sessions).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _open[client] = true;
            _sessions.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        try
        {
            await new SmtpTestSession(client.GetStream(), Options, Received).RunAsync(_stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            _open.TryRemove(client, out _);
        }
    }

    private void Received(SmtpReceivedMessage message)
    {
        lock (_gate)
        {
            _messages.Enqueue(message);
            foreach (var waiter in _waiters.Where(w => w.Predicate(message)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(message);
            }
        }
    }
}

public sealed class SmtpTestServerOptions
{
    /// <summary>When set, the server offers AUTH PLAIN/LOGIN and accepts only this user with <see cref="Password"/>.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>An SMTP reply for a recipient ("550 5.1.1 No such user", "451 4.3.0 Try later"), or null to accept it.</summary>
    public Func<string, string?>? RecipientReply { get; init; }
}

/// <param name="From">The envelope sender (MAIL FROM).</param>
/// <param name="Recipients">The envelope recipients (RCPT TO).</param>
/// <param name="AuthenticatedUser">Who logged in, when the server asked.</param>
public sealed record SmtpReceivedMessage(string From, IReadOnlyList<string> Recipients, MimeMessage Message, string? AuthenticatedUser)
{
    public string Subject => Message.Subject ?? string.Empty;

    public string? TextBody => Message.TextBody;

    public string? HtmlBody => Message.HtmlBody;
}
