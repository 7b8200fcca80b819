using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Notifications.Data;
using KamHub.Notifications.Templates;
using KamHub.Partners.Assignments.DepartureChanges;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Partners;

/// <summary>The assignment calls an operator, a guide and a transfer driver make.</summary>
internal static class PartnersApi
{
    /// <summary>A real account of <paramref name="role"/> (Guide, Transfer, Tourist) created by the admin, and a client acting as it.</summary>
    public static async Task<(Guid Id, HttpClient Client)> StaffAsync(this KamHubFactory factory, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.kamhub.local";
        var response = await factory.Admin().PostAsJsonAsync("/api/admin/users",
            new { email, password = "Staff-Test-Password-1", role, displayName = "Ivan Petrov" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.JsonAsync()).Id();
        return (id, factory.ClientAs(role, userId: id));
    }

    public static Task<HttpResponseMessage> AssignAsync(this HttpClient client, Guid departureId, Guid userId, string role = "guide") =>
        client.PostAsJsonAsync($"/api/departures/{departureId}/assignments", new { userId, role });

    public static async Task<JsonElement> AssignedAsync(this HttpClient client, Guid departureId, Guid userId, string role = "guide")
    {
        var response = await client.AssignAsync(departureId, userId, role);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<List<JsonElement>> MyAssignmentsAsync(this HttpClient client) =>
        (await client.GetJsonAsync("/api/me/assignments")).GetProperty("items").EnumerateArray().ToList();

    /// <summary>A booking of a new tourist on the departure, confirmed by a payment.succeeded through the bus.</summary>
    public static async Task<(HttpClient Tourist, JsonElement Booking)> ConfirmedAsync(this BookingFactory factory, Guid departureId, int adults = 1)
    {
        var tourist = factory.Tourist();
        var booking = await tourist.HoldAsync(departureId, adults);
        await factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "booking confirmed");
        return (tourist, booking);
    }

    /// <summary>A departure of a fresh published tour of the primary demo operator.</summary>
    public static async Task<Guid> DepartureOfNewTourAsync(this KamHubFactory factory, string startsAt) =>
        await factory.DepartureAsync(capacity: 10, startsAt: startsAt);

    /// <summary>The e-mail types queued for a user, e.g. assignment-created, with their status.</summary>
    public static async Task<List<(string Type, string Status)>> MessagesToAsync(this KamHubFactory factory, Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return (await db.Deliveries.AsNoTracking().Where(d => d.RecipientUserId == userId).Select(d => new { d.Type, d.Status }).ToListAsync())
            .Select(d => (d.Type, d.Status)).ToList();
    }

    /// <summary>Delivers a departure.rescheduled straight to Partners' subscriber, in a transaction as the bus would.</summary>
    public static async Task HandleRescheduleAsync(this KamHubFactory factory, DepartureRescheduled moved)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        var handler = ActivatorUtilities.CreateInstance<DepartureRescheduledHandler>(scope.ServiceProvider);
        var envelope = new EventEnvelope(Guid.NewGuid(), DepartureRescheduled.EventName, 1, moved.DepartureId.ToString(), moved.OccurredAt, "test", null,
            JsonSerializer.Serialize(moved, EventEnvelope.JsonOptions), 0, "booking");
        await using var transaction = await db.Database.BeginTransactionAsync();
        await handler.HandleAsync(envelope, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>The user's queued messages of a type, rendered in English in their time zone, as the sender would.</summary>
    public static async Task<List<RenderedMessage>> RenderedAsync(this KamHubFactory factory, Guid userId, string type)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var deliveries = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Deliveries.AsNoTracking()
            .Where(d => d.RecipientUserId == userId && d.Type == type).ToListAsync();
        var renderer = scope.ServiceProvider.GetRequiredService<TemplateRenderer>();
        var rendered = new List<RenderedMessage>();
        foreach (var d in deliveries)
            rendered.Add(await renderer.RenderAsync(type, d.Channel, "en", NotificationModel.FromJson(d.Model), TimeZoneInfo.FindSystemTimeZoneById(d.TimeZone)));
        return rendered;
    }

    /// <summary>The person gives a phone in their preferences (with <paramref name="channels"/> turned off, if given) and registers a phone app: SMS and push reach them too.</summary>
    public static async Task ReachableByPhoneAsync(this HttpClient person, string phone, string deviceToken, object? channels = null)
    {
        (await person.PutAsJsonAsync("/api/me/notification-preferences", new { phone, channels })).EnsureSuccessStatusCode();
        await Notifications.DeviceTests.RegisterAsync(person, "fcm", deviceToken);
    }

    /// <summary>The channels a message type was queued on for a user, with each row's status, sorted by channel.</summary>
    public static async Task<List<(string Channel, string Status)>> ChannelsAsync(this KamHubFactory factory, Guid userId, string type)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return (await db.Deliveries.AsNoTracking().Where(d => d.RecipientUserId == userId && d.Type == type).Select(d => new { d.Channel, d.Status }).ToListAsync())
            .Select(d => (d.Channel, d.Status)).OrderBy(d => d.Channel, StringComparer.Ordinal).ToList();
    }

    public static Task WaitForMessageAsync(this KamHubFactory factory, Guid userId, string type) =>
        BookingApi.EventuallyAsync(async () => (await factory.MessagesToAsync(userId)).Any(m => m.Type == type), $"{type} queued for {userId}");
}
