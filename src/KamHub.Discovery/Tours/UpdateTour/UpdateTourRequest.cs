namespace KamHub.Discovery.Tours.UpdateTour;

/// <summary>A full replacement of the editable fields; slug, operator and status do not change here.</summary>
internal sealed class UpdateTourRequest : TourFields;
