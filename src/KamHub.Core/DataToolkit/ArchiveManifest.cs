using System.Text.Json;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// <c>manifest.json</c> of a data archive (docs/operations.md, "Data archive format"): per module its migration
/// version, and per table its columns with their portable types, key, row count and content hash (the same hash
/// <c>data verify</c> computes, so an import is verified against it).
/// </summary>
public sealed record ArchiveManifest(string Format, int FormatVersion, DateTimeOffset CreatedAt, string Source, IReadOnlyList<ArchiveModule> Modules)
{
    public const string FormatName = "kamhub-data-archive";
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<ArchiveManifest> ReadAsync(string directory, CancellationToken ct)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new DataToolkitException($"{directory}: no {FileName}; not a KamHub data archive (or its export did not finish).");
        await using var stream = File.OpenRead(path);
        ArchiveManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<ArchiveManifest>(stream, Json, ct);
        }
        catch (JsonException ex)
        {
            throw new DataToolkitException($"{path}: not a valid manifest ({ex.Message})", ex);
        }

        if (manifest is null || manifest.Format != FormatName) throw new DataToolkitException($"{path}: not a KamHub data archive manifest.");
        if (manifest.FormatVersion != 1) throw new DataToolkitException($"{path}: archive format version {manifest.FormatVersion} is newer than this build reads (1).");
        return manifest;
    }
}

public sealed record ArchiveModule(string Name, string Version, IReadOnlyList<string> Migrations, IReadOnlyList<ArchiveTable> Tables);

public sealed record ArchiveTable(string Name, string File, IReadOnlyList<ArchiveColumn> Columns, IReadOnlyList<string> Key, long Rows, string Hash);

public sealed record ArchiveColumn(string Name, string Type, bool Nullable);

/// <summary>The portable names of column types in a manifest.</summary>
public static class ArchiveTypes
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(string)] = "string", [typeof(Guid)] = "guid", [typeof(int)] = "int32", [typeof(long)] = "int64", [typeof(short)] = "int16",
        [typeof(byte)] = "uint8", [typeof(bool)] = "bool", [typeof(decimal)] = "decimal", [typeof(double)] = "float64", [typeof(float)] = "float32",
        [typeof(DateTime)] = "timestamp", [typeof(DateTimeOffset)] = "timestamp-offset", [typeof(byte[])] = "bytes", [typeof(DateOnly)] = "date",
        [typeof(TimeOnly)] = "time", [typeof(TimeSpan)] = "interval",
    };

    public static string Name(Type type) => Names.TryGetValue(type, out var name) ? name : throw new DataToolkitException($"No archive type for {type.Name}.");

    public static Type Type(string name) => Names.FirstOrDefault(p => p.Value == name).Key ?? throw new DataToolkitException($"Unknown archive column type '{name}'.");
}
