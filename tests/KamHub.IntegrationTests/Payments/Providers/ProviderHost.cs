using System.Net;
using KamHub.Payments.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments.Providers;

/// <summary>
/// The provider clients as the Payments module wires them (AddPaymentProviderClients over configuration), pointed
/// at fake servers, with retry delays shortened so tests do not sleep.
/// </summary>
internal sealed class ProviderHost : IDisposable
{
    private readonly ServiceProvider services;

    private ProviderHost(ServiceProvider services) => this.services = services;

    // The real clock on purpose: the resilience pipeline takes TimeProvider from the container, and a frozen clock
    // would stop its retry delays and timeouts from ever elapsing.
    public static ProviderHost Create(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPaymentProviderClients(configuration);
        return new ProviderHost(collection.BuildServiceProvider());
    }

    public IPaymentProvider Provider(string name) => services.GetRequiredKeyedService<IPaymentProvider>(name);

    public IServiceProvider Services => services;

    /// <summary>Retry quickly in tests; everything else as configured in production.</summary>
    public static Dictionary<string, string?> FastRetries(string section) => new()
    {
        [$"{section}:Resilience:Retry:Delay"] = "00:00:00.010",
        [$"{section}:Resilience:Retry:BackoffType"] = "Constant",
        [$"{section}:Resilience:Retry:UseJitter"] = "false",
    };

    public void Dispose() => services.Dispose();
}

internal sealed class FakePaymentLookup : IWebhookPaymentLookup
{
    private readonly Dictionary<Guid, WebhookPaymentState> payments = [];

    public FakePaymentLookup Add(WebhookPaymentState state)
    {
        payments[state.PaymentId] = state;
        return this;
    }

    public Task<WebhookPaymentState?> FindAsync(Guid paymentId, CancellationToken ct) =>
        Task.FromResult(payments.GetValueOrDefault(paymentId));
}

internal static class Webhooks
{
    public static IncomingWebhook Incoming(byte[] body, IPAddress? from = null, params (string Name, string Value)[] headers) =>
        new(body, headers.ToDictionary(h => h.Name, h => h.Value), from ?? IPAddress.Loopback, DateTimeOffset.UtcNow);
}
