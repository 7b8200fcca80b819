using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace KamHub.Payments;

/// <summary>The Payments module: payments, provider webhooks, refunds, the ledger and payouts.</summary>
public static class PaymentsModule
{
    public static IHostApplicationBuilder AddPaymentsModule(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapPaymentsModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
