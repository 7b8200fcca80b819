using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Providers.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// A KamHub host with the real Payments module on the sandbox provider. The sandbox's webhooks travel over HTTP into
/// this test server (its named client is routed here), signed with <see cref="WebhookSecret"/> so tests can also forge,
/// age and replay them. The clock is fake: holds, signature timestamps and refund retries follow it.
/// </summary>
public sealed class PaymentsFactory : KamHubFactory
{
    public const string WebhookSecret = "test-sandbox-webhook-secret-0123456789";

    private readonly Action<IServiceCollection>? _services;

    public PaymentsFactory(DateTimeOffset? start = null, Action<IServiceCollection>? services = null, string commissionPercent = "10")
    {
        _services = services;
        Clock = new FakeTimeProvider(start ?? DateTimeOffset.UtcNow);
        With("KamHub:Booking:SweepInterval", "01:00:00");
        // Tokens must outlive clock jumps of months.
        With("KamHub:Jwt:AccessTokenMinutes", "2000000");
        With("KamHub:Events:PollInterval", "00:00:00.200");
        With("KamHub:Events:RetryBaseDelay", "00:00:00.020");
        With("KamHub:Payments:Sandbox:WebhookSecret", WebhookSecret);
        With("KamHub:Payments:CommissionPercent", commissionPercent);
    }

    public FakeTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(SandboxWebhookSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            _services?.Invoke(services);
        });
    }
}
