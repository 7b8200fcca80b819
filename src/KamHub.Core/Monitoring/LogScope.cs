namespace KamHub.Core.Monitoring;

/// <summary>
/// A log scope of named values. The JSON console writes them as properties (it reads the key/value pairs); the plain
/// console prints the scope's ToString, which for a bare dictionary is its type name: here it is <c>key=value</c>.
/// </summary>
public sealed class LogScope : Dictionary<string, object>
{
    public override string ToString() => string.Join(' ', this.Select(pair => $"{pair.Key}={pair.Value}"));
}
