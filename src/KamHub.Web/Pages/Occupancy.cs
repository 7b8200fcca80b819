namespace KamHub.Web.Pages;

/// <summary>Seats sold (held or confirmed) of a departure's capacity, for the _Occupancy bar.</summary>
internal sealed record Occupancy(int Sold, int Capacity)
{
    public static Occupancy Of(Api.DepartureView d) => new(Math.Max(0, d.Capacity - d.SeatsLeft), d.Capacity);
}
