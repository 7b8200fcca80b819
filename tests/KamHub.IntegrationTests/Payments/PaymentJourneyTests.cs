using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Notifications.Fakes;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// The issue's journey through HTTP only, with people signed in through the real login: an operator publishes a tour
/// and schedules a departure, a tourist finds it in search with its seats, books, pays on the sandbox page, is
/// confirmed (seats left drop in search, the confirmation e-mail with the booking reference reaches a real SMTP
/// server), cancels within the 50 % tier, is refunded half, and the operator's balance and the payout add up.
/// </summary>
public sealed class PaymentJourneyTests : IAsyncLifetime
{
    // 4.8 days before the departure (1 Jul 2027 08:00 Kamchatka = 30 Jun 20:00 UTC).
    private static readonly DateTimeOffset Start = new(2027, 6, 26, 0, 0, 0, TimeSpan.Zero);

    private SmtpTestServer _smtp = null!;
    private PaymentsFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _factory = new PaymentsFactory(start: Start);
        _factory.With("KamHub:Notifications:Channels:Email:Providers:0", "smtp")
            .With("KamHub:Notifications:Providers:Smtp:Host", _smtp.Host)
            .With("KamHub:Notifications:Providers:Smtp:Port", _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("KamHub:Notifications:Providers:Smtp:Security", "None")
            .With("KamHub:Notifications:Providers:Smtp:From", "bookings@kamhub.local");
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Journey_FromPublishedTourToPartialRefund_LedgerAndBalanceAddUp()
    {
        var operatorClient = await _factory.AsDemoAsync("operator");
        var tourist = await _factory.AsDemoAsync("tourist");
        var admin = await _factory.AsAdminAsync();

        // Operator: tour (5 000.00 RUB a seat) and a departure with 6 seats.
        var tour = (await operatorClient.CreatePublishedAsync(DiscoveryApi.TourBody())).Id();
        var departure = await operatorClient.ScheduleAsync(tour, BookingApi.DepartureBody("2027-07-01T08:00", "Asia/Kamchatka", 6));
        Assert.Equal(6, departure.GetProperty("seatsLeft").GetInt32());

        // Tourist: finds the tour by the day it runs, with its seats (Discovery learns them through the bus).
        var search = $"region=kamchatka&from=2027-07-01&to=2027-07-01&seats=2&limit=100";
        await BookingApi.EventuallyAsync(async () => await SeatsInSearchAsync(tourist, search, tour) == 6, "the departure in search with 6 seats");

        // Tourist: books two seats and is sent to the hosted payment page.
        var booking = await tourist.HoldAsync(departure.Id(), adults: 2);
        Assert.Equal("held", booking.GetProperty("status").GetString());
        var page = await tourist.GetAsync(booking.GetProperty("payment").GetProperty("redirectUrl").GetString());
        Assert.Contains(booking.GetProperty("reference").GetString()!, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Pays: the sandbox signs a webhook, KamHub captures, the bus confirms the booking.
        await _factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Equal(4, await _factory.SeatsLeftAsync(departure.Id()));
        await BookingApi.EventuallyAsync(async () => await SeatsInSearchAsync(tourist, search, tour) == 4, "seats left drop to 4 in search");

        // The confirmation e-mail reaches the SMTP server with the booking's reference (queued by the event, sent by the worker).
        var reference = booking.GetProperty("reference").GetString()!;
        var mail = await WaitForMailAsync(m => m.Recipients.Contains("guest@example.com") && (m.TextBody ?? "").Contains(reference, StringComparison.Ordinal));
        Assert.Contains(reference, mail.HtmlBody ?? "", StringComparison.Ordinal);

        // Cancels 4.8 days before: the 50 % tier; the refund reaches the provider and comes back as payment.refunded.
        var cancel = await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(500_000, (await cancel.JsonAsync()).GetProperty("refund").GetProperty("amount").GetInt64());
        await _factory.WaitForRefundedAsync(booking.PaymentId(), 500_000);
        Assert.Single(await _factory.EventsAsync("payment.refunded", booking.PaymentId()));
        Assert.Equal(6, await _factory.SeatsLeftAsync(departure.Id()));
        await BookingApi.EventuallyAsync(async () => await SeatsInSearchAsync(tourist, search, tour) == 6, "seats back to 6 in search");

        // Money: captured − refunded = ledger; the operator keeps the half less 10 % commission on it.
        var payment = (await admin.GetJsonAsync($"/api/admin/payments?booking={booking.Id()}")).GetProperty("items")[0];
        Assert.Equal(1_000_000, payment.GetProperty("capturedMinor").GetInt64());
        Assert.Equal(500_000, payment.GetProperty("refundedMinor").GetInt64());
        await _factory.AssertLedgerBalancesAsync();
        var balance = await operatorClient.BalanceAsync();
        Assert.Equal(1_000_000, balance.GetProperty("grossMinor").GetInt64());
        Assert.Equal(50_000, balance.GetProperty("commissionMinor").GetInt64());
        Assert.Equal(500_000, balance.GetProperty("refundedMinor").GetInt64());
        Assert.Equal(450_000, balance.GetProperty("balanceMinor").GetInt64());

        // Payout: the operator is paid its balance once and sees it.
        var run = await admin.PostAsJsonAsync("/api/admin/payouts", new { from = Start, to = Start.AddDays(1) });
        Assert.Equal(450_000, Assert.Single((await run.JsonAsync()).GetProperty("items").EnumerateArray()).GetProperty("amountMinor").GetInt64());
        Assert.Equal(0, (await operatorClient.BalanceAsync()).GetProperty("balanceMinor").GetInt64());
        Assert.Single((await operatorClient.GetJsonAsync("/api/operator/payouts")).GetProperty("items").EnumerateArray());
    }

    /// <summary>Seats left on the tour's next departure as search shows them, or -1 when the tour is not in the results.</summary>
    private static async Task<int> SeatsInSearchAsync(HttpClient client, string query, Guid tour)
    {
        var item = (await client.SearchAsync(query)).Items.FirstOrDefault(i => i.Id() == tour);
        return item.ValueKind == System.Text.Json.JsonValueKind.Undefined || item.GetProperty("nextDeparture").ValueKind == System.Text.Json.JsonValueKind.Null
            ? -1
            : item.GetProperty("nextDeparture").GetProperty("seatsLeft").GetInt32();
    }

    /// <summary>The worker waits on the test's fake clock between rounds: nudge it a poll interval at a time until the mail arrives.</summary>
    private async Task<SmtpReceivedMessage> WaitForMailAsync(Func<SmtpReceivedMessage, bool> predicate)
    {
        for (var round = 0; round < 120; round++)
        {
            var found = _smtp.Messages.FirstOrDefault(predicate);
            if (found is not null) return found;
            _factory.Clock.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(250);
        }

        Assert.Fail($"No matching e-mail; the SMTP server received: {string.Join(" | ", _smtp.Messages.Select(m => m.Subject))}");
        return null!;
    }
}
