using Microsoft.Extensions.Configuration;

namespace KamHub.Core.Data;

/// <summary>Where the embedded database, generated keys and other local state live (<c>KamHub:DataDir</c>, default ./data).</summary>
public static class DataDirectory
{
    public const string ConfigKey = "KamHub:DataDir";

    public static string Resolve(IConfiguration configuration)
    {
        var dir = configuration[ConfigKey];
        var full = Path.GetFullPath(string.IsNullOrWhiteSpace(dir) ? "data" : dir);
        Directory.CreateDirectory(full);
        return full;
    }
}
