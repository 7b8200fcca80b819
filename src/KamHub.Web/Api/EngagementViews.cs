namespace KamHub.Web.Api;

// What the engagement pages show of the Engagement and Partners APIs' answers (JSON web names; unknown fields are ignored).

internal sealed record ReviewReplyView(string Text, DateTimeOffset RepliedAt);

internal sealed record ReviewAspectsView(int? Guide, int? Safety, int? Value);

/// <param name="Hidden">With <paramref name="ModerationReason"/>, shown to the author, the tour's operator and admins only.</param>
internal sealed record ReviewView(Guid Id, Guid BookingId, Guid TourId, int Rating, string Text, string? Language, DateTimeOffset CreatedAt,
    ReviewReplyView? Reply, int Helpful, ReviewAspectsView? Aspects = null, DateTimeOffset? EditedAt = null, bool Hidden = false,
    string? ModerationReason = null, bool Mine = false);

internal sealed record RatingView(decimal Average, int Count);

internal sealed record ExpiringPointsView(long Points, DateTimeOffset ExpiresAt);

/// <param name="Owed">Points spent beyond the balance, taken first from the next earnings.</param>
internal sealed record PointsView(long Balance, IReadOnlyList<ExpiringPointsView> Expiring, long Owed = 0);

internal sealed record ConversationView(Guid BookingId, Guid TourId, DateTimeOffset? LastMessageAt, int Unread);

internal sealed record MessageView(Guid Id, string SenderParty, Guid SenderId, string Text, DateTimeOffset CreatedAt, bool ReadByOthers);

internal sealed record MessagePageView(IReadOnlyList<MessageView> Items, string? NextCursor, int Unread);

internal sealed record AssignedContactView(string? Phone, string Email);

internal sealed record PickupView(Guid BookingId, string Point, DateTimeOffset At);

internal sealed record AssignedGroupView(Guid BookingId, string Reference, IReadOnlyList<string> Names, int Seats, AssignedContactView Contact,
    PickupView? Pickup, string? Attendance);

internal sealed record AssignmentView(Guid AssignmentId, Guid DepartureId, string Role, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    string? TourTitleRu, string? TourTitleEn, int ParticipantCount, IReadOnlyList<AssignedGroupView> Participants)
{
    public string? Title => Localization.UiText.IsRussian ? TourTitleRu ?? TourTitleEn : TourTitleEn ?? TourTitleRu;
}

internal sealed record AttendanceView(Guid BookingId, string Attendance, string Status);

internal sealed record OperatorApplicationView(Guid OperatorId, string LegalName, string TaxId, string ContactEmail, string? ContactPhone, string Status,
    string? RejectionReason, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, IReadOnlyList<DocumentView>? Documents = null,
    DateTimeOffset? DocumentsChangedAt = null);
