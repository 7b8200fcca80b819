using System.Globalization;
using KamHub.Discovery.Tours.SearchTours;

namespace KamHub.Discovery.Search.Index;

/// <summary>A search by relevance: PostgreSQL's ts_rank order (rank descending, then id), its cursors and page.</summary>
internal sealed partial class IndexQuery
{
    /// <summary>
    /// One word: its postings are in relevance order already, the first matches are the page; the walk is expected to
    /// test take × (postings / matches) of them. Otherwise (several words, or a walk that would cost more) every
    /// member of the set (which holds the words) is ranked and the best kept.
    /// </summary>
    private SearchPage ByRelevance()
    {
        var take = _c.Limit + 1;
        var any = (ReadOnlyMemory<TourRow>)_s.ByCreated;
        if (!Narrow(ref any)) return Finish(new List<Posting>());
        var afterRank = _c.After is null ? float.PositiveInfinity : (float)double.Parse(_c.After.Key, CultureInfo.InvariantCulture);
        var afterId = _c.After?.Id ?? Guid.Empty;
        var (read, readCost, matches, byWindow) = Reading(_s.Count);
        if (matches <= 0) return Finish(new List<Posting>());
        if (_lexemes.Length == 1)
        {
            var postings = _s.Postings.GetValueOrDefault(_lexemes[0]) ?? [];
            var walkCost = (double)take * postings.Length / matches + take * RowCost;
            if (walkCost <= readCost)
            {
                var found = new List<Posting>(take);
                long units = 0, limit = (long)readCost;
                var i = _c.After is null ? 0 : LowerBound(postings, p => IsAfter(p.Rank, p.Tour.Id, afterRank, afterId));
                for (; i < postings.Length && found.Count < take && units < limit; i++)
                {
                    var posting = postings[i];
                    units++;
                    if (!IndexSnapshot.Has(_combined, posting.Ordinal)) continue;
                    units += RowCost;
                    if (Matches(posting.Tour.Facts, posting.Tour)) found.Add(posting);
                }

                if (found.Count == take || units < limit) return Finish(found);
            }
        }

        if (!byWindow) return RankDocuments(take, afterRank, afterId);
        // The few tours departing in the window, each read.
        var best = new TopRows<Posting>(take, Posting.ByRelevance);
        var positions = new ReadOnlyMemory<ushort>[_lexemes.Length];
        read!(row =>
        {
            var tour = row.Tour;
            if (!Matches(row.Facts, tour)) return;
            for (var i = 0; i < _lexemes.Length; i++) positions[i] = tour.PositionsOf(_lexemes[i]);
            var rank = TextRank.Rank(positions);
            if (IsAfter(rank, tour.Id, afterRank, afterId)) best.Offer(new Posting(tour, rank));
        });
        return Finish(best.InOrder());
    }

    /// <summary>
    /// Ranks every tour of the set from the words' documents (<see cref="LexemeDocs"/>): the rarest word's list is
    /// walked, the others searched forward beside it, all in memory order; a tour is read only for the filters the set
    /// cannot answer (circle, window, rating count) and for the page.
    /// </summary>
    private SearchPage RankDocuments(int take, float afterRank, Guid afterId)
    {
        var n = _lexemes.Length;
        var docs = new LexemeDocs[n];
        for (var i = 0; i < n; i++)
        {
            if (!_s.Documents.TryGetValue(_lexemes[i], out var list)) return Finish(new List<Posting>());
            docs[i] = list;
        }

        var lead = docs.MinBy(d => d.Count)!;
        var cursors = new int[n];
        var positions = new ReadOnlyMemory<ushort>[n];
        var ids = _s.IdByOrdinal;
        var rows = _s.ByOrdinal;
        var points = _s.PointByOrdinal;
        var residual = _box is not null || _c.Window is not null || _c.MinRatingHundredths is not null;
        var best = new TopRows<Scored>(take, new ScoredOrder(ids));
        for (var j = 0; j < lead.Count; j++)
        {
            var o = lead.Ordinals[j];
            if (!IndexSnapshot.Has(_combined, o)) continue;
            var all = true;
            for (var i = 0; i < n && all; i++)
            {
                if (docs[i] == lead)
                {
                    positions[i] = lead.PositionsAt(j);
                    continue;
                }

                var at = docs[i].Find(o, cursors[i]);
                all = at >= 0;
                cursors[i] = all ? at + 1 : ~at;
                if (all) positions[i] = docs[i].PositionsAt(at);
            }

            if (!all || (_box is not null && !InCircle(points[o].Lat, points[o].Lon)) || (residual && !Matches(rows[o].Facts, rows[o].Tour))) continue;
            var rank = TextRank.Rank(positions);
            if (float.IsPositiveInfinity(afterRank) || rank < afterRank || (rank == afterRank && ids[o].CompareTo(afterId) > 0)) best.Offer(new Scored(rank, o));
        }

        return Finish(best.InOrder().Select(s => new Posting(rows[s.Ordinal].Tour, s.Rank, s.Ordinal)).ToList());
    }

    /// <summary>A ranked tour by its ordinal.</summary>
    private readonly record struct Scored(float Rank, int Ordinal);

    /// <summary>Relevance order on ranked ordinals: rank descending, then id ascending (read from the id array, not the tour).</summary>
    private sealed class ScoredOrder(Guid[] ids) : IComparer<Scored>
    {
        public int Compare(Scored a, Scored b)
        {
            var c = b.Rank.CompareTo(a.Rank);
            return c != 0 ? c : ids[a.Ordinal].CompareTo(ids[b.Ordinal]);
        }
    }

    /// <summary>Strictly after the cursor in relevance order (rank descending, id ascending).</summary>
    private static bool IsAfter(float rank, Guid id, float afterRank, Guid afterId) =>
        float.IsPositiveInfinity(afterRank) || rank < afterRank || (rank == afterRank && id.CompareTo(afterId) > 0);
}
