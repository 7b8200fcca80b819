namespace KamHub.Engagement.Data;

/// <summary>
/// The conversation of one booking, created the first time one of its people opens it, with who may take part as
/// Booking's directory told it then (the booker, the tour's operator organisation).
/// </summary>
internal sealed class Conversation
{
    public Guid BookingId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid OperatorId { get; set; }

    public Guid TourId { get; set; }

    /// <summary>The booking's departure, whose guides (<see cref="TripGuide"/>) take part; null on conversations opened before it was kept, filled when next opened.</summary>
    public Guid? DepartureId { get; set; }

    /// <summary>The users guiding the trip now (not stored here: read from trip_guides when the conversation is opened).</summary>
    public IReadOnlyList<Guid> Guides { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime? LastMessageAt { get; set; }
}

/// <summary>One side of a conversation (customer, operator, later guide): how far it has read and when it was last notified.</summary>
internal sealed class ConversationParticipant
{
    public const string Customer = "customer";
    public const string Operator = "operator";
    public const string Guide = "guide";

    public Guid BookingId { get; set; }

    public string Party { get; set; } = Customer;

    /// <summary>The newest message this side has read (message ids grow with time); null before its first read.</summary>
    public Guid? ReadUpTo { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>When this side was last notified of a new message: at most one notification per conversation per interval.</summary>
    public DateTime? NotifiedAt { get; set; }
}

/// <summary>
/// A message of a conversation, never changed. On PostgreSQL the table is partitioned by month of <see cref="CreatedAt"/>
/// (ADR 0019); its primary key is (id, created_at) there, the id alone on SQLite.
/// </summary>
internal sealed class Message
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; set; }

    public Guid BookingId { get; set; }

    public Guid SenderId { get; set; }

    public string SenderParty { get; set; } = ConversationParticipant.Customer;

    public string Text { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
