namespace KamHub.Discovery.Availability;

/// <summary>A departure as search and tour details show it.</summary>
/// <param name="StartsAt">UTC instant.</param>
internal sealed record DepartureSeats(Guid Id, DateTimeOffset StartsAt, int SeatsLeft);
