namespace KamHub.Discovery.Contracts;

/// <summary>Well-known ids of demo data, so Identity can attach operator@demo.kamhub.local to a real organisation.</summary>
public static class DemoOperators
{
    /// <summary>The first demo operator organisation (Kamchatka Volcano Expeditions).</summary>
    public static readonly Guid Primary = Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0001");

    /// <summary>Every demo operator organisation (Partners seeds them approved); the catalog seeds the same nine.</summary>
    public static readonly IReadOnlyList<Guid> All =
        Enumerable.Range(1, 9).Select(n => Guid.Parse($"6b1a1e52-0c53-4c38-9f3e-6a6f0c1d{n:0000}")).ToList();
}
