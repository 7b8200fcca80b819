using KamHub.Core.Hosting;

namespace KamHub.Core.Features;

/// <summary>Feature flag settings (section <c>KamHub:Flags</c>).</summary>
public sealed class FlagsOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Flags";

    /// <summary>
    /// How often every instance re-reads the definitions from the database: a change made anywhere (another instance,
    /// the CLI) is seen everywhere within this time. The instance that made the change sees it at once.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<string> Validate()
    {
        if (RefreshInterval < TimeSpan.FromMilliseconds(50) || RefreshInterval > TimeSpan.FromMinutes(10))
            yield return "KamHub:Flags:RefreshInterval must be between 00:00:00.050 and 00:10:00.";
    }
}
