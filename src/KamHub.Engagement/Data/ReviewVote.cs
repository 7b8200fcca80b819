namespace KamHub.Engagement.Data;

/// <summary>Someone found a review helpful; one vote per person and review (the key), so a repeat changes nothing.</summary>
internal sealed class ReviewVote
{
    public Guid ReviewId { get; set; }

    public Guid VoterId { get; set; }

    public DateTime CreatedAt { get; set; }
}
