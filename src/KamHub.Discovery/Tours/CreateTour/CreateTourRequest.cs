namespace KamHub.Discovery.Tours.CreateTour;

internal sealed class CreateTourRequest : TourFields
{
    /// <summary>Required from admins; operators always create for their own organisation and may omit it.</summary>
    public Guid? OperatorId { get; init; }
}
