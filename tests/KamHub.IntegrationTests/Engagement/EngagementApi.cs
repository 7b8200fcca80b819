using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Booking.Completion;
using KamHub.Engagement.Data;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>Trips that end, and the review calls a tourist, an operator and an admin make.</summary>
internal static class EngagementApi
{
    /// <summary>Clock start of the engagement tests: 4.8 days before the departure every helper schedules.</summary>
    public static readonly DateTimeOffset Start = new(2027, 6, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>1 Jul 2027 08:00 Kamchatka (30 Jun 20:00 UTC) plus the test tour's 240 minutes.</summary>
    public static readonly DateTimeOffset TripEnd = new(2027, 7, 1, 0, 0, 0, TimeSpan.Zero);

    public const string StartsAt = "2027-07-01T08:00";

    /// <summary>A confirmed booking (paid on the sandbox) of a new tourist on <paramref name="departureId"/>.</summary>
    public static async Task<(HttpClient Tourist, JsonElement Booking)> PaidBookingAsync(this KamHubFactory factory, Guid departureId, int adults = 1)
    {
        var tourist = factory.Tourist();
        var booking = await tourist.HoldAsync(departureId, adults);
        await factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        return (tourist, booking);
    }

    /// <summary>Moves the clock past the trips' end, runs the completer and waits until Engagement recorded each booking's trip.</summary>
    public static async Task CompleteTripsAsync(this KamHubFactory factory, FakeTimeProvider clock, params Guid[] bookingIds)
    {
        var target = TripEnd.AddHours(1);
        if (clock.GetUtcNow() < target) clock.Advance(target - clock.GetUtcNow());
        await factory.Services.GetRequiredService<TripCompleter>().CompleteDueAsync(CancellationToken.None);
        await BookingApi.EventuallyAsync(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            return await db.CompletedTrips.CountAsync(t => bookingIds.Contains(t.BookingId)) == bookingIds.Length;
        }, "Engagement recorded the completed trips");
    }

    public static Task<HttpResponseMessage> ReviewAsync(this HttpClient client, Guid bookingId, object body) =>
        client.PostAsJsonAsync($"/api/bookings/{bookingId}/review", body);

    public static async Task<JsonElement> ReviewedAsync(this HttpClient client, Guid bookingId, int rating, string text = "Volcano at dawn, worth it.")
    {
        var response = await client.ReviewAsync(bookingId, new { rating, text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>The tour's rating as the tour page shows it (average, count).</summary>
    public static async Task<(decimal Average, int Count)> RatingAsync(this HttpClient client, Guid tourId)
    {
        var rating = (await client.GetJsonAsync($"/api/tours/{tourId}")).GetProperty("rating");
        return (rating.GetProperty("average").GetDecimal(), rating.GetProperty("count").GetInt32());
    }

    public static Task WaitForRatingAsync(this HttpClient client, Guid tourId, decimal average, int count) =>
        BookingApi.EventuallyAsync(async () => await client.RatingAsync(tourId) == (average, count), $"tour {tourId} rated {average} by {count}");
}
