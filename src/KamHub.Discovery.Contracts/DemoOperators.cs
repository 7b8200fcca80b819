namespace KamHub.Discovery.Contracts;

/// <summary>Well-known ids of demo data, so Identity can attach operator@demo.kamhub.local to a real organisation.</summary>
public static class DemoOperators
{
    /// <summary>The first demo operator organisation (Kamchatka Volcano Expeditions).</summary>
    public static readonly Guid Primary = Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0001");
}
