namespace KamHub.Notifications.Channels;

internal enum NotificationChannel
{
    Email,
    Sms,
    Push,
}

/// <summary>
/// Sends one rendered message on a channel through the configured providers in order (KamHub:Notifications:Channels:{Email|Sms|Push}:Providers),
/// failing over to the next one when a provider times out, answers 5xx/429, or its circuit is open. The queue worker
/// calls this; it decides retries and dead letters from the outcome.
/// </summary>
internal interface IChannelSender
{
    Task<ChannelSendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <param name="DeliveryId">The delivery record's id: sent to providers that accept an idempotency key or custom id.</param>
/// <param name="Recipient">E-mail address, E.164 phone number, or push device token (FCM registration token / APNs device token).</param>
/// <param name="Subject">E-mail subject or push title; null for SMS.</param>
/// <param name="HtmlBody">E-mail only.</param>
/// <param name="Data">Push data payload (e.g. bookingId); ignored elsewhere.</param>
/// <param name="Platform">Push only: the device's platform (fcm or apns); only that provider (and the file provider) can deliver to its token.</param>
internal sealed record OutgoingMessage(
    Guid DeliveryId,
    NotificationChannel Channel,
    string Recipient,
    string? RecipientName,
    string? Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyDictionary<string, string>? Data = null,
    string? Platform = null);

/// <param name="Sent">True when a provider accepted the message.</param>
/// <param name="Provider">The provider that sent it, or the last one tried.</param>
/// <param name="Retryable">False when retrying cannot help (invalid recipient, rejected content): dead-letter at once.</param>
/// <param name="Attempts">Per provider tried, in order: name and error (null for the one that sent).</param>
/// <param name="RecipientGone">The provider says the recipient no longer exists (a push token unregistered or invalid): stop sending to it.</param>
internal sealed record ChannelSendOutcome(
    bool Sent,
    string? Provider,
    string? ProviderMessageId,
    string? Error,
    bool Retryable,
    IReadOnlyList<ProviderAttempt> Attempts,
    bool RecipientGone = false);

internal sealed record ProviderAttempt(string Provider, string? Error);

/// <summary>One provider of one channel (smtp, sendgrid, file; twilio, smsru, file; fcm, apns, file). Registered keyed by <see cref="Name"/>.</summary>
internal interface IChannelProvider
{
    string Name { get; }

    NotificationChannel Channel { get; }

    /// <summary>Sends, returning the provider's message id. Throws <see cref="ChannelProviderException"/> with whether another attempt (or provider) may help.</summary>
    Task<string> SendAsync(OutgoingMessage message, CancellationToken ct);
}

internal sealed class ChannelProviderException(string provider, string message, bool transient, Exception? inner = null, bool recipientGone = false)
    : Exception($"{provider}: {message}", inner)
{
    /// <summary>The recipient itself is gone (FCM UNREGISTERED, APNs 410 Unregistered or BadDeviceToken), not just this message refused.</summary>
    public bool RecipientGone { get; } = recipientGone;

    public string Provider { get; } = provider;

    /// <summary>Timeouts, 5xx, 429, connection failures, circuit open: fail over and retry later. False for 4xx rejections of the message itself.</summary>
    public bool Transient { get; } = transient;
}
