using System.Text.Json.Nodes;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Payments.Providers;
using KamHub.Payments.Data;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// A capture notification whose amount cannot be read is refused like one with a wrong amount, on every provider:
/// the payment stays pending and nothing reaches the ledger. (CloudPayments used to take a missing or unreadable
/// Amount as "no amount to compare" and capture the full price.)
/// </summary>
public sealed class WebhookAmountTests
{
    /// <summary>How each unreadable amount is written: the JSON value where the provider sends JSON, the text in a form.</summary>
    private static readonly Dictionary<string, JsonNode?> Unreadable = new()
    {
        ["missing"] = null,
        ["abc"] = JsonValue.Create("abc"),
        [""] = JsonValue.Create(""),
        ["1e308"] = JsonNode.Parse("1e308"),
        ["1234,00"] = JsonValue.Create("1234,00"),
        ["1234.001"] = JsonNode.Parse("1234.001"),
    };

    public static TheoryData<string, string> ProvidersAndAmounts()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ProviderUnderTest.Names)
            foreach (var amount in Unreadable.Keys) data.Add(provider, amount);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndAmounts))]
    public async Task PaidNotification_WhenTheAmountCannotBeRead_IsRefusedAndThePaymentStaysPending(string provider, string amount)
    {
        await using var under = await ProviderUnderTest.StartAsync(provider);
        var (_, booking) = await under.Factory.HeldBookingAsync();
        var paymentId = booking.PaymentId();

        var response = await under.NotifyPaidAsync(paymentId, Unreadable[amount], amount);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 400 or 422, $"{provider} / '{amount}': {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("pending", (await under.Factory.PaymentAsync(paymentId)).GetProperty("status").GetString());
        Assert.Equal(0, await under.Factory.WithPaymentsDbAsync(db => Task.FromResult(db.Ledger.Count(l => l.PaymentId == paymentId))));
        Assert.Empty(await under.Factory.EventsAsync("payment.succeeded", paymentId));
    }

    [Theory]
    [MemberData(nameof(ProviderUnderTest.All), MemberType = typeof(ProviderUnderTest))]
    public async Task PaidNotification_WithTheRightAmount_SucceedsThePaymentOnEveryProvider(string provider)
    {
        await using var under = await ProviderUnderTest.StartAsync(provider);
        var (tourist, booking) = await under.Factory.HeldBookingAsync();

        var response = await under.NotifyPaidAsync(booking.PaymentId(), booking.GetProperty("amount").GetInt64());

        Assert.True(response.IsSuccessStatusCode, $"{provider}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        Assert.Equal(1, await under.Factory.WithPaymentsDbAsync(db => Task.FromResult(db.Ledger.Count(l => l.PaymentId == booking.PaymentId() && l.Kind == LedgerKinds.Capture))));
    }
}
