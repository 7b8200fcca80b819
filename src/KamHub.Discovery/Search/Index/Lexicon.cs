using System.Collections.Concurrent;

namespace KamHub.Discovery.Search.Index;

/// <summary>Lexeme ↔ number, for the life of the process (numbers are never reused, so postings and documents compare ints).</summary>
internal sealed class Lexicon
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private int _next;

    public int IdOf(string lexeme) => _ids.GetOrAdd(lexeme, _ => Interlocked.Increment(ref _next));

    /// <summary>-1 for a lexeme no indexed document ever had: nothing can match it.</summary>
    public int Find(string lexeme) => _ids.TryGetValue(lexeme, out var id) ? id : -1;
}
