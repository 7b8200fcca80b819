using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// A published tour as the index holds it: the fields searches filter and sort on, the API's view of it, and its
/// search document (the lexemes of <see cref="TourFullText.PostgresDocument"/>'s text with their positions). Immutable:
/// a change to the tour replaces the whole object.
/// </summary>
internal sealed class IndexedTour
{
    private const int MaxPositionsPerLexeme = 255;

    private IndexedTour(Tour t, IndexNames names, int ordinal)
    {
        Id = t.Id;
        Ordinal = ordinal;
        OperatorId = t.OperatorId;
        Region = t.Region;
        Price = t.BasePriceMinor;
        Duration = t.DurationMinutes;
        Difficulty = t.Difficulty;
        Tags = TourTags.Parse(t.Tags).ToArray();
        Lat = t.MeetingLat;
        Lon = t.MeetingLon;
        CreatedTicks = t.CreatedAt.Ticks;
        RatingHundredths = t.RatingHundredths;
        RatingCount = t.RatingCount;
        Dto = TourDto.From(t);
        Facts = new TourFacts(Price, CreatedTicks, Lat ?? double.NaN, Lon ?? double.NaN, Duration, RatingHundredths, RatingCount, Difficulty, Ordinal,
            names.Regions.IdOf(Region), OperatorId);
        (LexemeIds, _starts, _positions) = Document(t, names.Lexemes);
    }

    public Guid Id { get; }

    /// <summary>This tour's number in the index (never reused while the index lives): its bit in the lexeme and tag bit sets.</summary>
    public int Ordinal { get; }

    public Guid OperatorId { get; }
    public string Region { get; }
    public long Price { get; }
    public int Duration { get; }
    public TourDifficulty Difficulty { get; }
    public string[] Tags { get; }
    public double? Lat { get; }
    public double? Lon { get; }
    public long CreatedTicks { get; }
    public int RatingHundredths { get; }
    public int RatingCount { get; }
    public TourDto Dto { get; }

    /// <summary>The fields most filters test, copied into each order's rows so a walk reads them in sequence.</summary>
    public TourFacts Facts { get; }

    /// <summary>The document's distinct lexemes, ascending, and for each its positions (ascending, at most 255, as a tsvector keeps).</summary>
    public int[] LexemeIds { get; }

    /// <summary>
    /// The positions of every lexeme in one array, the i-th lexeme's from <c>_starts[i]</c>: two objects per tour
    /// instead of one per lexeme (a million tours hold some 45 million lexeme entries; each object costs the collector).
    /// </summary>
    private readonly int[] _starts;

    private readonly ushort[] _positions;

    public static IndexedTour From(Tour tour, IndexNames names, int ordinal) => new(tour, names, ordinal);

    public ReadOnlyMemory<ushort> PositionsAt(int index) => _positions.AsMemory(_starts[index], _starts[index + 1] - _starts[index]);

    public int PositionCount(int index) => _starts[index + 1] - _starts[index];

    /// <summary>The lexeme's positions in this document; empty when it does not hold it.</summary>
    public ReadOnlyMemory<ushort> PositionsOf(int lexemeId)
    {
        var at = Array.BinarySearch(LexemeIds, lexemeId);
        return at >= 0 ? PositionsAt(at) : default;
    }

    /// <summary>The same text, in the same order, as the stored tsvector is generated from.</summary>
    private static (int[], int[], ushort[]) Document(Tour t, Lexicon lexicon)
    {
        var text = string.Join(' ', t.TitleRu, t.TitleEn, t.DescriptionRu ?? "", t.DescriptionEn ?? "", t.Tags.Replace('|', ' '));
        var byLexeme = new SortedDictionary<int, List<ushort>>();
        var position = 0;
        foreach (var lexeme in SearchTokens.Lexemes(text))
        {
            position++;
            var id = lexicon.IdOf(lexeme);
            if (!byLexeme.TryGetValue(id, out var list)) byLexeme[id] = list = [];
            var clamped = (ushort)Math.Min(position, TextRank.MaxPosition);
            if (list.Count < MaxPositionsPerLexeme && (list.Count == 0 || list[^1] != clamped)) list.Add(clamped);
        }

        var starts = new int[byLexeme.Count + 1];
        var i = 0;
        foreach (var list in byLexeme.Values) starts[i + 1] = starts[i++] + list.Count;
        return (byLexeme.Keys.ToArray(), starts, byLexeme.Values.SelectMany(l => l).ToArray());
    }
}

/// <summary>A tour's sortable and range-filtered fields, by value (no meeting point: NaN).</summary>
internal readonly record struct TourFacts(long Price, long CreatedTicks, double Lat, double Lon, int Duration, int Rating, int RatingCount, TourDifficulty Difficulty,
    int Ordinal, int RegionId, Guid OperatorId);

/// <summary>One row of an order: the facts inline, the tour behind them.</summary>
internal readonly record struct TourRow(TourFacts Facts, IndexedTour Tour);
