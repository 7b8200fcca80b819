namespace KamHub.Engagement.Contracts;

/// <summary>
/// <c>message.posted</c>: someone wrote in a booking's conversation. Aggregate: the booking. <paramref name="Notify"/>
/// names the sides to tell (customer, operator, guide): each side is notified at most once per conversation per
/// <c>KamHub:Engagement:MessageNotifyMinutes</c>, so a burst of messages makes one notification. The text is not in the
/// event (it stays in Engagement); a reader opens the conversation.
/// </summary>
/// <param name="Guides">When <paramref name="Notify"/> names guide: the users guiding the booking's departure then
/// (ADR 0024), as only Engagement keeps that list. Absent in events written before guides took part.</param>
public sealed record MessagePosted(Guid MessageId, Guid BookingId, string SenderParty, Guid SenderId, IReadOnlyList<string> Notify, DateTimeOffset OccurredAt,
    IReadOnlyList<Guid>? Guides = null)
{
    public const string EventName = "message.posted";
    public const int EventVersion = 1;

    public const string Customer = "customer";
    public const string Operator = "operator";
    public const string Guide = "guide";
}

/// <summary>
/// <c>message.read</c>: one side of a booking's conversation moved its read mark forward to <paramref name="UpTo"/> (a
/// message id). Aggregate: the booking. Open conversation pages on every instance show the read receipt from it
/// (ADR 0024); no module needs to subscribe.
/// </summary>
public sealed record MessagesRead(Guid BookingId, string Party, Guid UpTo, DateTimeOffset OccurredAt)
{
    public const string EventName = "message.read";
    public const int EventVersion = 1;
}
