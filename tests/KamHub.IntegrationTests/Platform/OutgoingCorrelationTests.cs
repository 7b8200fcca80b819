using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Payments.Providers;

namespace KamHub.IntegrationTests.Platform;

/// <summary>
/// An outgoing call made while serving a request (a booking starts its payment at a provider, here a fake YooKassa on
/// loopback) carries the request's correlation id and continues its trace.
/// </summary>
public sealed class OutgoingCorrelationTests
{
    [Fact]
    public async Task ProviderCall_DuringABookingRequest_CarriesTheCorrelationIdAndTheTrace()
    {
        await using var provider = await ProviderUnderTest.StartAsync("yookassa");
        var departure = await provider.Factory.DepartureAsync();
        var tourist = provider.Factory.Tourist();
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        tourist.DefaultRequestHeaders.Add("X-Correlation-ID", "booking-outgoing-1");
        tourist.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        await tourist.HoldAsync(departure, 1);

        var sent = Assert.Single(provider.YooKassa!.Server.RequestsTo("/v3/payments"));
        Assert.Equal("booking-outgoing-1", sent.Header("X-Correlation-ID"));
        Assert.StartsWith($"00-{traceId}-", sent.Header("traceparent"), StringComparison.Ordinal);
    }
}
