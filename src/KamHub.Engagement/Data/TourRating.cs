namespace KamHub.Engagement.Data;

/// <summary>
/// A tour's rating over its visible reviews. Every review change locks the rows of the tour's operator first (an UPDATE
/// of <see cref="Version"/>) and then counts again, so two reviews of one tour, or of two tours of one operator, written
/// at once cannot both miss each other in the tour's or the operator's rating.
/// </summary>
internal sealed class TourRating
{
    public Guid TourId { get; set; }

    public Guid OperatorId { get; set; }

    public long RatingSum { get; set; }

    public int RatingCount { get; set; }

    public long Version { get; set; }
}
