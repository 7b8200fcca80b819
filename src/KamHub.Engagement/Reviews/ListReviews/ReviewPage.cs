using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Reviews;

/// <summary>Newest first; <paramref name="NextCursor"/> (the last id) is null on the last page.</summary>
internal sealed record ReviewPage(IReadOnlyList<ReviewDto> Items, string? NextCursor)
{
    public const int MaxLimit = 100;

    /// <summary>Keyset paging on the id (version 7 GUIDs grow with time), never OFFSET.</summary>
    public static async Task<ReviewPage> ReadAsync(IQueryable<Review> reviews, Guid? after, int limit, CancellationToken ct)
    {
        if (after is { } cursor) reviews = reviews.Where(r => r.Id.CompareTo(cursor) < 0);
        var rows = await reviews.OrderByDescending(r => r.Id).Take(limit + 1).AsNoTracking().ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new ReviewPage(page.Select(ReviewDto.From).ToList(), rows.Count > limit ? page[^1].Id.ToString() : null);
    }
}
