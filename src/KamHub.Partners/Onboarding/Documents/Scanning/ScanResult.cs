namespace KamHub.Partners.Onboarding.Documents.Scanning;

internal enum ScanOutcome
{
    /// <summary>No scanner is configured: the document is stored and marked not scanned.</summary>
    NotScanned,
    Clean,
    Infected,
    /// <summary>A scanner is configured but did not answer (or answered an error): nothing is stored.</summary>
    Unavailable,
}

/// <param name="Detail">The signature clamd found, or why the scan did not happen.</param>
internal sealed record ScanResult(ScanOutcome Outcome, string? Detail = null)
{
    public static readonly ScanResult NotScanned = new(ScanOutcome.NotScanned);
    public static readonly ScanResult Clean = new(ScanOutcome.Clean);
}
