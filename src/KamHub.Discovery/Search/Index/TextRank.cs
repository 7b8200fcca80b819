namespace KamHub.Discovery.Search.Index;

/// <summary>
/// PostgreSQL's <c>ts_rank(document, query)</c> with its default weights and no normalisation, for a document whose
/// lexemes all carry weight D (0.1), as the tours' search document does: <c>calc_rank_or</c> for one lexeme,
/// <c>calc_rank_and</c> (closeness of every pair of positions) for several. Written in the same single- and
/// double-precision steps as tsrank.c, so a relevance order and its cursors are those PostgreSQL's SQL gave (ADR 0026).
/// </summary>
internal static class TextRank
{
    private const float WeightD = 0.1f;
    private const int MaxEntryPos = 1 << 14;

    /// <summary><paramref name="positions"/>: for each query lexeme (sorted, unique), its positions in the document.</summary>
    public static float Rank(ReadOnlySpan<ReadOnlyMemory<ushort>> positions)
    {
        if (positions.Length == 0) return 0f;
        var res = positions.Length < 2 ? RankOr(positions) : RankAnd(positions);
        return res < 0 ? 1e-20f : res;
    }

    public static float RankOne(ushort[] positions) => Rank(new ReadOnlyMemory<ushort>[] { positions });

    private static float RankOr(ReadOnlySpan<ReadOnlyMemory<ushort>> positions)
    {
        var res = 0f;
        foreach (var memory in positions)
        {
            var post = memory.Span;
            var resj = 0f;
            var wjm = -1f;
            var jm = 0;
            for (var j = 0; j < post.Length; j++)
            {
                resj += WeightD / ((j + 1) * (j + 1));
                if (WeightD > wjm)
                {
                    wjm = WeightD;
                    jm = j;
                }
            }

            res = (float)(res + (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685);
        }

        return res / positions.Length;
    }

    private static float RankAnd(ReadOnlySpan<ReadOnlyMemory<ushort>> positions)
    {
        var res = -1f;
        for (var i = 0; i < positions.Length; i++)
        {
            var post = positions[i].Span;
            for (var k = 0; k < i; k++)
            {
                var ct = positions[k].Span;
                foreach (var pl in post)
                {
                    foreach (var pp in ct)
                    {
                        var dist = Math.Abs(pl - pp);
                        if (dist == 0) continue; // two lexemes never share a position in a parsed document
                        var curw = dist > 100 ? FarWeight : Closeness[dist];
                        res = res < 0 ? curw : (float)(1.0 - (1.0 - res) * (1.0 - curw));
                    }
                }
            }
        }

        return res;
    }

    /// <summary>tsrank.c's word_distance, computed once for each distance it distinguishes (1..100).</summary>
    private static readonly float[] Distances = Enumerable.Range(0, 101).Select(w => (float)(1.0 / (1.005 + 0.05 * Math.Exp((float)w / 1.5 - 2)))).ToArray();

    private static float WordDistance(int w) => w > 100 ? 1e-30f : Distances[w];

    /// <summary>curw of tsrank.c for two weight-D positions at each distance: sqrt(w * w * word_distance(dist)).</summary>
    private static readonly float[] Closeness = Enumerable.Range(0, 101).Select(d => (float)Math.Sqrt(WeightD * WeightD * WordDistance(d))).ToArray();

    private static readonly float FarWeight = (float)Math.Sqrt(WeightD * WeightD * WordDistance(101));

    public const int MaxPosition = MaxEntryPos - 1;
}
