namespace KamHub.Engagement.Data;

/// <summary>One booking's review by its booker. Hidden reviews stay stored (with why) but leave the list and the rating.</summary>
internal sealed class Review
{
    public const int TextMaxLength = 4000;
    public const int ReplyMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; }

    public Guid BookingId { get; set; }

    public Guid TourId { get; set; }

    public Guid OperatorId { get; set; }

    public Guid AuthorId { get; set; }

    /// <summary>How many people marked the review helpful (one vote each, <see cref="ReviewVote"/>); orders "most helpful first".</summary>
    public int Helpful { get; set; }

    /// <summary>1..5 stars.</summary>
    public int Rating { get; set; }

    public string Text { get; set; } = "";

    /// <summary>ru or en, when the author said.</summary>
    public string? Language { get; set; }

    public int? GuideRating { get; set; }

    public int? SafetyRating { get; set; }

    public int? ValueRating { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>The operator's one public answer.</summary>
    public string? Reply { get; set; }

    public DateTime? RepliedAt { get; set; }

    public int Reports { get; set; }

    public bool Hidden { get; set; }

    /// <summary>The admin's reason for the last hide or restore.</summary>
    public string? ModerationReason { get; set; }

    public Guid? ModeratedBy { get; set; }

    public DateTime? ModeratedAt { get; set; }
}
