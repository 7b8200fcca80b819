using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// Rows of an archive's table file (gzip, one JSON array per line, in the source's key order), typed from the
/// manifest's columns. Resuming skips through the line whose key is the checkpoint's.
/// </summary>
public sealed class ArchiveRowSource(string directory, ArchiveModule module) : IRowSource
{
    public async IAsyncEnumerable<object?[]> ReadAsync(TableSpec table, object?[]? afterKey, [EnumeratorCancellation] CancellationToken ct)
    {
        var entry = Entry(table);
        var types = entry.Columns.Select(c => ArchiveTypes.Type(c.Type)).ToArray();
        if (!entry.Columns.Select(c => c.Name).SequenceEqual(table.Columns.Select(c => c.Name), StringComparer.Ordinal))
            throw new DataToolkitException($"{entry.File}: its columns differ from {module.Name}.{table.Name} at version {module.Version}.");
        var skipThrough = afterKey is null ? null : ValueJson.ToJson(afterKey);
        var path = Path.Combine(directory, entry.File);
        if (!File.Exists(path)) throw new DataToolkitException($"{path}: missing from the archive.");
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        while (await text.ReadLineAsync(ct) is { } line)
        {
            var row = Parse(line, types, path);
            if (skipThrough is not null)
            {
                if (ValueJson.ToJson(table.Key.Select(i => row[i])) == skipThrough) skipThrough = null;
                continue;
            }

            yield return row;
        }
    }

    public Task<long> CountAsync(TableSpec table, CancellationToken ct) => Task.FromResult(Entry(table).Rows);

    private ArchiveTable Entry(TableSpec table) => module.Tables.FirstOrDefault(t => t.Name == table.Name)
        ?? throw new DataToolkitException($"The archive has no {module.Name}.{table.Name}.");

    private static object?[] Parse(string line, Type[] types, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var row = new object?[types.Length];
            var i = 0;
            foreach (var element in document.RootElement.EnumerateArray()) row[i] = ValueJson.Read(element, types[i++]);
            return i == types.Length ? row : throw new DataToolkitException($"{path}: a row has {i} values, the manifest {types.Length} columns.");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new DataToolkitException($"{path}: unreadable row ({ex.Message})", ex);
        }
    }
}
