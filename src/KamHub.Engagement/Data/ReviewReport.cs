namespace KamHub.Engagement.Data;

/// <summary>Someone signed in flagged a review for the admins; one report per person and review.</summary>
internal sealed class ReviewReport
{
    public Guid Id { get; set; }

    public Guid ReviewId { get; set; }

    public Guid ReporterId { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }
}
