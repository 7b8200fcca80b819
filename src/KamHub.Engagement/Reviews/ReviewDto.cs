using KamHub.Engagement.Data;
using KamHub.Core.Time;

namespace KamHub.Engagement.Reviews;

/// <summary>Per-aspect stars (1..5), each optional.</summary>
internal sealed record ReviewAspects(int? Guide, int? Safety, int? Value);

internal sealed record ReviewReplyDto(string Text, DateTimeOffset RepliedAt);

/// <summary>A review as the API shows it. <paramref name="Hidden"/> and the moderation reason only reach the author, the operator and admins.</summary>
/// <param name="Mine">True when the caller wrote it: pages leave out what its author may not do (mark it helpful), without the
/// author's id reaching everyone who reads the tour's reviews.</param>
internal sealed record ReviewDto(
    Guid Id,
    Guid BookingId,
    Guid TourId,
    int Rating,
    string Text,
    string? Language,
    ReviewAspects Aspects,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    ReviewReplyDto? Reply,
    bool Hidden,
    string? ModerationReason,
    int Helpful,
    bool Mine)
{
    /// <param name="reader">The signed-in caller, null for anonymous readers.</param>
    public static ReviewDto From(Review r, Guid? reader) => new(
        r.Id, r.BookingId, r.TourId, r.Rating, r.Text, r.Language, new ReviewAspects(r.GuideRating, r.SafetyRating, r.ValueRating),
        StoredTime.Utc(r.CreatedAt), r.EditedAt is { } edited ? StoredTime.Utc(edited) : null,
        r.Reply is { } reply && r.RepliedAt is { } at ? new ReviewReplyDto(reply, StoredTime.Utc(at)) : null,
        r.Hidden, r.ModerationReason, r.Helpful, reader is { } id && id == r.AuthorId);
}
