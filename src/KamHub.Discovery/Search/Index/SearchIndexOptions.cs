using KamHub.Core.Hosting;

namespace KamHub.Discovery.Search.Index;

/// <summary>KamHub:SearchIndex settings (ADR 0026), validated on start.</summary>
internal sealed class SearchIndexOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:SearchIndex";

    /// <summary>Searches run on this instance's in-memory index; false runs them as SQL on the module's database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Load the catalogue when the instance starts, not at the first search.</summary>
    public bool LoadAtStart { get; set; } = true;

    /// <summary>How often an instance reads the change feed when no search makes it (keeps the index warm and the feed position recent).</summary>
    public int RefreshSeconds { get; set; } = 5;

    public IEnumerable<string> Validate()
    {
        if (RefreshSeconds is < 1 or > 600) yield return $"{SectionName}:RefreshSeconds must be between 1 and 600.";
    }
}
