using MailKit.Security;

namespace KamHub.Notifications.Channels.Email;

/// <summary>SMTP relay settings (section <c>KamHub:Notifications:Providers:Smtp</c>).</summary>
internal sealed class SmtpOptions : IProviderOptions
{
    public static readonly string SectionName = ProviderSettings.Section("Smtp");

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: None, Auto, SslOnConnect (port 465), StartTls, StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Authenticate only when set.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Sender, e.g. <c>KamHub &lt;noreply@kamhub.ru&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Per network operation (connect, each command, the data).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A pooled connection idle longer than this is closed, not reused (below the relay's own idle timeout).</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle connections kept for reuse; the worker sends one message at a time, so one is usually enough.</summary>
    public int PoolSize { get; set; } = 4;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return $"{SectionName}:Host is required.";
        if (Port is < 1 or > 65535) yield return $"{SectionName}:Port must be between 1 and 65535.";
        if (EmailMessages.ParseAddress(From) is null) yield return $"{SectionName}:From must be an e-mail address.";
        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password)) yield return $"{SectionName}:User and Password go together.";
        if (Timeout <= TimeSpan.Zero) yield return $"{SectionName}:Timeout must be positive.";
        if (MaxIdle < TimeSpan.Zero) yield return $"{SectionName}:MaxIdle must not be negative (zero: a connection per message).";
        if (PoolSize is < 0 or > 64) yield return $"{SectionName}:PoolSize must be between 0 and 64.";
    }
}
