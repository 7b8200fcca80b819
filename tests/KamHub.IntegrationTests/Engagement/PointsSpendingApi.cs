using System.Net.Http.Json;
using KamHub.Engagement.Data;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>Spending points at booking: a booking body with points, and balances seeded or read straight from Engagement's ledger.</summary>
internal static class PointsSpendingApi
{
    public static Task<HttpResponseMessage> BookWithPointsAsync(this HttpClient client, Guid departureId, long points, int adults = 1) =>
        client.BookAsync(new
        {
            departureId,
            adults,
            participants = Enumerable.Range(1, adults).Select(i => new { name = $"Guest {i}" }).ToArray(),
            contact = new { email = "guest@example.com" },
            points,
        });

    public static async Task<long> PointsBalanceAsync(this HttpClient client) =>
        (await client.GetJsonAsync("/api/me/points")).GetProperty("balance").GetInt64();

    /// <summary>An earning written straight into the ledger, as a completed trip would have (fast: no trip to complete).</summary>
    public static async Task SeedPointsAsync(this KamHubFactory factory, Guid userId, long points, DateTimeOffset now)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var at = now.UtcDateTime;
        db.PointsEntries.Add(new PointsEntry
        {
            Id = Guid.CreateVersion7(), UserId = userId, BookingId = Guid.NewGuid(), Kind = PointsEntry.Earned, Points = points, CreatedAt = at,
            ExpiresAt = at.AddMonths(12),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Points spent and not given back, per the ledger's rows (not what an endpoint says).</summary>
    public static async Task<long> NetSpentAsync(this KamHubFactory factory, Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        return -await db.PointsEntries.Where(p => p.UserId == userId && p.Kind != PointsEntry.Earned && p.Kind != PointsEntry.Reversed)
            .SumAsync(p => p.Points);
    }

    public static async Task<long> PointsOwedAsync(this HttpClient client) =>
        (await client.GetJsonAsync("/api/me/points")).GetProperty("owed").GetInt64();

    public static Task WaitForPointsAsync(this HttpClient client, long balance) =>
        BookingApi.EventuallyAsync(async () => await client.PointsBalanceAsync() == balance, $"a points balance of {balance}");
}
