using System.Text;
using MimeKit;

namespace KamHub.IntegrationTests.Notifications.Fakes;

/// <summary>One SMTP conversation of <see cref="SmtpTestServer"/>. Latin-1 keeps every byte of the DATA as it came for MimeKit.</summary>
internal sealed class SmtpTestSession(Stream stream, SmtpTestServerOptions options, Action<SmtpReceivedMessage> received)
{
    private readonly StreamReader _reader = new(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false);
    private readonly StreamWriter _writer = new(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
    private string? _from;
    private readonly List<string> _recipients = [];
    private string? _user;

    private bool AuthRequired => options.User is not null;

    public async Task RunAsync(CancellationToken ct)
    {
        await Reply("220 kamhub-test ESMTP ready");
        while (!ct.IsCancellationRequested && await _reader.ReadLineAsync(ct) is { } line)
        {
            var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await Reply(AuthRequired ? "250-kamhub-test\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 26214400" : "250-kamhub-test\r\n250 SIZE 26214400");
                    break;
                case "HELO":
                    await Reply("250 kamhub-test");
                    break;
                case "AUTH":
                    await AuthenticateAsync(line, ct);
                    break;
                case "MAIL":
                    if (AuthRequired && _user is null) await Reply("530 5.7.0 Authentication required");
                    else
                    {
                        _from = Address(line);
                        _recipients.Clear();
                        await Reply("250 2.1.0 Ok");
                    }

                    break;
                case "RCPT":
                    var to = Address(line);
                    var reply = options.RecipientReply?.Invoke(to);
                    if (reply is null) _recipients.Add(to);
                    await Reply(reply ?? "250 2.1.5 Ok");
                    break;
                case "DATA":
                    await ReceiveDataAsync(ct);
                    break;
                case "RSET":
                    _from = null;
                    _recipients.Clear();
                    await Reply("250 2.0.0 Ok");
                    break;
                case "NOOP":
                    await Reply("250 2.0.0 Ok");
                    break;
                case "QUIT":
                    await Reply("221 2.0.0 Bye");
                    return;
                default:
                    await Reply("502 5.5.2 Command not implemented");
                    break;
            }
        }
    }

    private async Task ReceiveDataAsync(CancellationToken ct)
    {
        if (_from is null || _recipients.Count == 0)
        {
            await Reply("503 5.5.1 Need MAIL and RCPT first");
            return;
        }

        await Reply("354 End data with <CR><LF>.<CR><LF>");
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(ct) is { } line && line != ".")
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");

        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())), ct);
        received(new SmtpReceivedMessage(_from, _recipients.ToList(), message, _user));
        _from = null;
        _recipients.Clear();
        await Reply($"250 2.0.0 Ok: queued as {Guid.NewGuid():N}");
    }

    private async Task AuthenticateAsync(string line, CancellationToken ct)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? user, password;
        if (parts.Length >= 2 && parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var initial = parts.Length > 2 ? parts[2] : await Challenge("", ct);
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(initial)).Split('\0');
            (user, password) = fields.Length == 3 ? (fields[1], fields[2]) : (null, null);
        }
        else if (parts.Length >= 2 && parts[1].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            user = Decode(parts.Length > 2 ? parts[2] : await Challenge("VXNlcm5hbWU6", ct));
            password = Decode(await Challenge("UGFzc3dvcmQ6", ct));
        }
        else
        {
            await Reply("504 5.5.4 Unrecognized authentication type");
            return;
        }

        if (user == options.User && password == options.Password)
        {
            _user = user;
            await Reply("235 2.7.0 Authentication successful");
        }
        else
        {
            await Reply("535 5.7.8 Authentication credentials invalid");
        }
    }

    private async Task<string> Challenge(string text, CancellationToken ct)
    {
        await Reply($"334 {text}".TrimEnd());
        return await _reader.ReadLineAsync(ct) ?? string.Empty;
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    /// <summary>"MAIL FROM:&lt;a@b&gt; SIZE=123" → "a@b".</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private Task Reply(string text) => _writer.WriteLineAsync(text);
}
