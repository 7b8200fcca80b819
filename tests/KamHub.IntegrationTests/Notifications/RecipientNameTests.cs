using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Identity;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>The tourist is greeted by the display name of their account (Identity's directory), not by their e-mail.</summary>
public sealed class RecipientNameTests : IDisposable
{
    private readonly NotificationsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task BookingConfirmed_WhenTheAccountHasADisplayName_TheEmailGreetsAndAddressesTheTouristByIt()
    {
        var email = IdentityApi.NewEmail();
        var registered = await _factory.CreateClient().RegisterAsync(email, displayName: "Анна Петрова");
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var client = await _factory.SignedInClientAsync(email, IdentityApi.Password);

        var booking = await _factory.ConfirmedBookingAsync(client);
        await _factory.QueuedAsync(booking.Id(), r => r.Any(d => d.Type == "booking-confirmed"), "confirmation queued");
        await _factory.SendDueAsync();

        var mail = Assert.Single(_factory.Sender.Messages, m => m.Recipient == "guest@example.com" && m.Subject!.Contains("подтверждено", StringComparison.Ordinal));
        Assert.Equal("Анна Петрова", mail.RecipientName);
        Assert.StartsWith("Здравствуйте, Анна Петрова!", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Анна Петрова", mail.HtmlBody);
    }

    [Fact]
    public async Task BookingConfirmed_WhenTheAccountHasNoName_TheGreetingGoesWithoutOne()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(booking.Id(), r => r.Any(d => d.Type == "booking-confirmed"), "confirmation queued");
        await _factory.SendDueAsync();

        var mail = Assert.Single(_factory.Sender.Messages, m => m.Recipient == "guest@example.com" && m.Subject!.Contains("подтверждено", StringComparison.Ordinal));
        Assert.Null(mail.RecipientName);
        Assert.StartsWith("Здравствуйте!", mail.TextBody, StringComparison.Ordinal);
    }
}
