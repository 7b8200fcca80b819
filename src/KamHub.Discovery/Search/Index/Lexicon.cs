using System.Collections.Concurrent;

namespace KamHub.Discovery.Search.Index;

/// <summary>String ↔ number, for the life of the index (numbers are never reused, so postings and documents compare ints).</summary>
internal sealed class Lexicon
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private int _next;

    public int IdOf(string lexeme) => _ids.GetOrAdd(lexeme, _ => Interlocked.Increment(ref _next));

    /// <summary>-1 for a lexeme no indexed document ever had: nothing can match it.</summary>
    public int Find(string lexeme) => _ids.TryGetValue(lexeme, out var id) ? id : -1;
}

/// <summary>The index's numberings: lexemes and regions.</summary>
internal sealed class IndexNames
{
    public Lexicon Lexemes { get; } = new();
    public Lexicon Regions { get; } = new();
}
