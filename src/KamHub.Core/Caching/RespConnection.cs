using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace KamHub.Core.Caching;

/// <summary>
/// A minimal Redis (RESP2) client: request/response commands over one socket, plus one subscriber socket.
/// Hand-written because no Redis client's dependencies are in the registry we can reach (ADR 0003). Any socket
/// error drops the connection; the next command reconnects.
/// </summary>
internal sealed class RespConnection(RedisEndpoint endpoint) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RespSocket? _socket;

    public async Task<object?> ExecuteAsync(params string[] command)
    {
        await _gate.WaitAsync();
        try
        {
            _socket ??= await RespSocket.ConnectAsync(endpoint);
            try
            {
                return await _socket.CallAsync(command);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                _socket.Dispose();
                _socket = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Listens on a channel until disposed, reconnecting after a dropped connection.</summary>
    public void Subscribe(string channel, Action<string> onMessage, CancellationToken stop) => _ = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var socket = await RespSocket.ConnectAsync(endpoint);
                await socket.CallAsync("SUBSCRIBE", channel);
                while (!stop.IsCancellationRequested)
                {
                    if (await socket.ReadAsync() is object?[] { Length: 3 } push && push[0] as string == "message" && push[2] is string payload)
                        onMessage(payload);
                }
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }, stop);

    public void Dispose()
    {
        _socket?.Dispose();
        _gate.Dispose();
    }

    private sealed class RespSocket : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly BufferedStream _reader;

        private RespSocket(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
            _reader = new BufferedStream(_stream, 16 * 1024);
        }

        public static async Task<RespSocket> ConnectAsync(RedisEndpoint endpoint)
        {
            var client = new TcpClient { NoDelay = true };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            var socket = new RespSocket(client);
            if (endpoint.Password is not null) await socket.CallAsync("AUTH", endpoint.Password);
            return socket;
        }

        public async Task<object?> CallAsync(params string[] command)
        {
            var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
            foreach (var part in command)
                request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
            var reply = await ReadAsync();
            return reply is RespError error ? throw new IOException("Redis error: " + error.Message) : reply;
        }

        public async Task<object?> ReadAsync()
        {
            var line = await ReadLineAsync();
            var body = line[1..];
            switch (line[0])
            {
                case '+': return body;
                case '-': return new RespError(body);
                case ':': return long.Parse(body, CultureInfo.InvariantCulture);
                case '$':
                    var length = int.Parse(body, CultureInfo.InvariantCulture);
                    if (length < 0) return null;
                    var buffer = new byte[length + 2];
                    await _reader.ReadExactlyAsync(buffer);
                    return Encoding.UTF8.GetString(buffer, 0, length);
                case '*':
                    var count = int.Parse(body, CultureInfo.InvariantCulture);
                    if (count < 0) return null;
                    var items = new object?[count];
                    for (var i = 0; i < count; i++) items[i] = await ReadAsync();
                    return items;
                default: throw new IOException("Unexpected Redis reply: " + line);
            }
        }

        private async Task<string> ReadLineAsync()
        {
            var bytes = new List<byte>(64);
            var one = new byte[1];
            while (true)
            {
                if (await _reader.ReadAsync(one) == 0) throw new IOException("Redis closed the connection.");
                if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r') return Encoding.UTF8.GetString(bytes.ToArray(), 0, bytes.Count - 1);
                bytes.Add(one[0]);
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _client.Dispose();
        }
    }

    private sealed record RespError(string Message);
}
