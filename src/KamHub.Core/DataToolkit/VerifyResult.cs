namespace KamHub.Core.DataToolkit;

public enum DifferenceKind
{
    /// <summary>In the source, not in the target.</summary>
    Missing,
    /// <summary>In the target, not in the source.</summary>
    Extra,
    /// <summary>Same key, other values.</summary>
    Different,
}

public sealed record KeyDifference(string Key, DifferenceKind Kind);

public sealed record TableVerifyResult(
    string Module, string Table, long SourceRows, long TargetRows, string SourceHash, string TargetHash,
    long Missing, long Extra, long Different, IReadOnlyList<KeyDifference> Differences, double SourceSeconds, double TargetSeconds)
{
    public bool Equal => SourceRows == TargetRows && SourceHash == TargetHash;
}

public sealed record VerifyResult(IReadOnlyList<TableVerifyResult> Tables)
{
    public bool Equal => Tables.All(t => t.Equal);
}
