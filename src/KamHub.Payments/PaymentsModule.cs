using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Payments.Admin;
using KamHub.Payments.Contracts;
using KamHub.Payments.Data;
using KamHub.Payments.Directory;
using KamHub.Payments.Ledger;
using KamHub.Payments.Payouts;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Sandbox;
using KamHub.Payments.Reconciliation;
using KamHub.Payments.Refunds;
using KamHub.Payments.Starting;
using KamHub.Payments.Webhooks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using KamHub.Core.Hosting;

namespace KamHub.Payments;

/// <summary>The Payments module: payments, provider webhooks, refunds, the ledger and payouts.</summary>
public static class PaymentsModule
{
    public static IHostApplicationBuilder AddPaymentsModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PaymentsOptions>().Bind(builder.Configuration.GetSection(PaymentsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentsOptions>, ProviderConfigurationCheck>());
        builder.AddModuleDatabase<PaymentsDbContext>(PaymentsDbContext.Module);
        services.AddEventOutbox<PaymentsDbContext>();
        services.AddEventSubscriber<PaymentsDbContext, CancellationRefundHandler>(CancellationRefundHandler.Subscriber, "booking.cancelled");

        services.AddSingleton<PaymentsMetrics>();
        services.AddScoped<PaymentProviders>();
        services.AddScoped<IPaymentInitiator, PaymentInitiator>();
        services.AddScoped<IPaymentDirectory, PaymentDirectory>();
        services.AddScoped<LedgerWriter>();
        services.AddScoped<RefundBook>();
        services.AddScoped<RefundExecutor>();
        services.AddScoped<WebhookProcessor>();
        services.AddScoped<WebhookPaymentLookup>();
        services.AddScoped<PayoutRunner>();
        services.AddScoped<RefundsAfterCommit>();
        services.AddSingleton<RefundStarter>();
        services.AddHostedService(sp => sp.GetRequiredService<RefundStarter>());
        services.AddHostedService<RefundRetrier>();
        services.AddScoped<IPaymentReconciliation, PaymentReconciler>();
        services.AddHostedService<ReconciliationJob>();
        services.AddPaymentProviderClients(builder.Configuration);
        AddSandbox(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapPaymentsModule(this IEndpointRouteBuilder endpoints)
    {
        WebhookEndpoint.Map(endpoints);
        AdminPaymentsEndpoints.Map(endpoints);
        ManualRefundEndpoint.Map(endpoints);
        BalanceEndpoint.Map(endpoints);
        AgentBalanceEndpoint.Map(endpoints);
        PayoutEndpoints.Map(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled) SandboxPageEndpoints.Map(endpoints);
        return endpoints;
    }

    private static void AddSandbox(IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SandboxOptions>(builder.Configuration.GetSection(SandboxOptions.SectionName));
        if (!builder.Configuration.GetValue(SandboxOptions.SectionName + ":" + nameof(SandboxOptions.Enabled), true)) return;
        builder.Services.AddSingleton<SandboxSignature>();
        builder.Services.AddSingleton<SandboxPresses>();
        builder.Services.AddKeyedSingleton<IPaymentProvider, SandboxProvider>(SandboxProvider.ProviderName);
        builder.Services.AddScoped<SandboxWebhookSender>();
        builder.Services.AddScoped<ISandboxPayments, SandboxPayments>();
        builder.Services.AddHttpClient(SandboxWebhookSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
    }
}
