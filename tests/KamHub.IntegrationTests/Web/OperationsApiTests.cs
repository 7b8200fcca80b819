using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Data;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Web;

/// <summary>The read and repair endpoints the desk and the console added, each in its owning module, over plain HTTP.</summary>
public sealed class OperationsApiTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task OperatorTours_ListTheOperatorsOwnToursInEveryStatus_OnlyTheirs_AndNotForTourists()
    {
        var own = _factory.ClientAs("Operator", KamHub.Discovery.Contracts.DemoOperators.Primary);
        var draft = await own.PostAsJsonAsync("/api/tours", new
        {
            title = new { ru = "Черновик", en = "Draft walk" }, region = "kamchatka", durationMinutes = 60, basePrice = 100000, maxGroupSize = 5,
        });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var draftId = (await draft.JsonAsync()).GetProperty("id").GetString();

        var mine = await (await own.GetAsync("/api/operator/tours")).JsonAsync();
        Assert.Contains(mine.EnumerateArray(), t => t.GetProperty("id").GetString() == draftId && t.GetProperty("status").GetString() == "draft");
        Assert.All(mine.EnumerateArray(), t => Assert.Equal(KamHub.Discovery.Contracts.DemoOperators.Primary.ToString(), t.GetProperty("operatorId").GetString()));

        var other = await (await _factory.ClientAs("Operator", Guid.NewGuid()).GetAsync("/api/operator/tours")).JsonAsync();
        Assert.Equal(0, other.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientAs("Tourist").GetAsync("/api/operator/tours")).StatusCode);
    }

    [Fact]
    public async Task AdminUsers_ListByRoleAndEmailPrefix_PageByCursor_RefuseBadRolesAndNonAdmins()
    {
        var admin = await _factory.AsAdminAsync();
        var operators = await (await admin.GetAsync("/api/admin/users?role=operator&email=operator@")).JsonAsync();
        var item = Assert.Single(operators.GetProperty("items").EnumerateArray());
        Assert.Equal("operator@demo.kamhub.local", item.GetProperty("email").GetString());
        Assert.Equal("Operator", item.GetProperty("roles")[0].GetString());

        var first = await (await admin.GetAsync("/api/admin/users?limit=1")).JsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await admin.GetAsync($"/api/admin/users?limit=1&cursor={cursor}")).JsonAsync();
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/users?role=king")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientAs("Tourist").GetAsync("/api/admin/users")).StatusCode);
    }

    [Fact]
    public async Task NotificationResend_RequeuesADeadDeliveryOnce_ListsByBooking_AndWebhooksByBookingNeedABookingId()
    {
        var bookingId = Guid.NewGuid();
        var deliveryId = Guid.CreateVersion7();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var now = DateTime.UtcNow;
            db.Deliveries.Add(new Delivery
            {
                Id = deliveryId, CreatedAt = now, UpdatedAt = now, Channel = "email", Category = "transactional", Type = "booking-confirmed",
                NotificationKey = "web-test-" + deliveryId, Recipient = "dead@example.com", Language = "en", TimeZone = "UTC", Status = DeliveryStatus.Dead,
                Attempts = 5, NotBefore = now, LastError = "provider down", BookingId = bookingId,
            });
            await db.SaveChangesAsync();
        }

        var admin = await _factory.AsAdminAsync();
        var listed = await (await admin.GetAsync($"/api/admin/notifications?booking={bookingId}")).JsonAsync();
        Assert.Equal(deliveryId.ToString(), Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/notifications?booking=nope")).StatusCode);

        var resent = await admin.PostAsync($"/api/admin/notifications/{deliveryId}/resend", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var body = await resent.JsonAsync();
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/admin/notifications/{deliveryId}/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/admin/notifications/{Guid.NewGuid()}/resend", null)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/payments/webhooks")).StatusCode);
        var none = await (await admin.GetAsync($"/api/admin/payments/webhooks?booking={bookingId}")).JsonAsync();
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
    }
}
