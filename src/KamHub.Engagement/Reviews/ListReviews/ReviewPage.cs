using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Reviews;

/// <summary>Newest first; <paramref name="NextCursor"/> (the last id) is null on the last page.</summary>
/// <summary>Where a "most helpful" page ended.</summary>
internal sealed record HelpfulCursor(int Helpful, Guid Id)
{
    public static HelpfulCursor? Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var votes)
            && Guid.TryParse(parts[1], out var id) ? new HelpfulCursor(votes, id) : null;
    }
}

internal sealed record ReviewPage(IReadOnlyList<ReviewDto> Items, string? NextCursor)
{
    public const int MaxLimit = 100;

    /// <summary>Most helpful first: keyset on (helpful votes, id), both descending; the cursor is "votes:id".</summary>
    public static async Task<ReviewPage> ReadMostHelpfulAsync(IQueryable<Review> reviews, HelpfulCursor? after, int limit, Guid? reader,
        CancellationToken ct)
    {
        if (after is { } c) reviews = reviews.Where(r => r.Helpful < c.Helpful || (r.Helpful == c.Helpful && r.Id.CompareTo(c.Id) < 0));
        var rows = await reviews.OrderByDescending(r => r.Helpful).ThenByDescending(r => r.Id).Take(limit + 1).AsNoTracking().ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new ReviewPage(page.Select(r => ReviewDto.From(r, reader)).ToList(), rows.Count > limit ? $"{page[^1].Helpful}:{page[^1].Id}" : null);
    }

    /// <summary>Keyset paging on the id (version 7 GUIDs grow with time), never OFFSET.</summary>
    public static async Task<ReviewPage> ReadAsync(IQueryable<Review> reviews, Guid? after, int limit, Guid? reader, CancellationToken ct)
    {
        if (after is { } cursor) reviews = reviews.Where(r => r.Id.CompareTo(cursor) < 0);
        var rows = await reviews.OrderByDescending(r => r.Id).Take(limit + 1).AsNoTracking().ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new ReviewPage(page.Select(r => ReviewDto.From(r, reader)).ToList(), rows.Count > limit ? page[^1].Id.ToString() : null);
    }
}
