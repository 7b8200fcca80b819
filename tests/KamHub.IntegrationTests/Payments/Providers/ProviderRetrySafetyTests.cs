using System.Net;
using KamHub.IntegrationTests.Payments.Providers.Fakes;
using KamHub.Payments.Providers.CloudPayments;
using KamHub.Payments.Providers.Stripe;
using KamHub.Payments.Providers.YooKassa;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments.Providers;

/// <summary>
/// The rule behind every provider client's retries, checked on the clients themselves: a request is repeated only
/// when the provider would recognise the copy (a read, or a write with its idempotency key). A POST without a key is
/// sent once even when the provider answers 503, because the first one may have created a payment.
/// </summary>
public sealed class ProviderRetrySafetyTests : IAsyncLifetime
{
    private FakeProviderServer server = null!;
    private ProviderHost host = null!;

    public async Task InitializeAsync()
    {
        server = await FakeProviderServer.StartAsync(routes => routes.Map("/{**any}", (HttpContext ctx) => Results.Ok()));
        var settings = new Dictionary<string, string?>();
        foreach (var section in new[] { "Stripe", "YooKassa", "CloudPayments" })
            foreach (var (key, value) in ProviderHost.FastRetries($"KamHub:Payments:{section}")) settings[key] = value;
        settings["KamHub:Payments:Stripe:SecretKey"] = "sk_test";
        settings["KamHub:Payments:Stripe:WebhookSecret"] = "whsec_test";
        settings["KamHub:Payments:YooKassa:ShopId"] = "1";
        settings["KamHub:Payments:YooKassa:SecretKey"] = "s";
        settings["KamHub:Payments:YooKassa:ReturnUrl"] = "https://kamhub.example/";
        settings["KamHub:Payments:CloudPayments:PublicId"] = "pk";
        settings["KamHub:Payments:CloudPayments:ApiSecret"] = "s";
        host = ProviderHost.Create(settings);
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await server.DisposeAsync();
    }

    public static TheoryData<string, string> Clients => new()
    {
        { StripeRegistration.HttpClientName, "Idempotency-Key" },
        { YooKassaRegistration.HttpClientName, YooKassaApi.IdempotenceHeader },
        { CloudPaymentsRegistration.HttpClientName, CloudPaymentsApi.IdempotencyHeader },
    };

    private async Task<int> AttemptsFor(string client, HttpMethod method, string? idempotencyHeader)
    {
        server.FailNext(10, HttpStatusCode.ServiceUnavailable);
        using var request = new HttpRequestMessage(method, new Uri(server.BaseAddress, $"probe/{Guid.NewGuid():N}"));
        if (method != HttpMethod.Get) request.Content = new StringContent("{}");
        if (idempotencyHeader is not null) request.Headers.Add(idempotencyHeader, Guid.NewGuid().ToString());
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(client);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        return server.RequestsTo(request.RequestUri!.AbsolutePath).Count;
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Send_WhenPostHasNoIdempotencyKey_IsNotRetried(string client, string idempotencyHeader)
    {
        _ = idempotencyHeader;
        Assert.Equal(1, await AttemptsFor(client, HttpMethod.Post, idempotencyHeader: null));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Send_WhenPostCarriesTheProvidersIdempotencyKey_IsRetried(string client, string idempotencyHeader)
    {
        Assert.Equal(4, await AttemptsFor(client, HttpMethod.Post, idempotencyHeader));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Send_WhenPostCarriesAnotherProvidersKey_IsNotRetried(string client, string idempotencyHeader)
    {
        var foreign = idempotencyHeader == "Idempotency-Key" ? "Idempotence-Key" : "Idempotency-Key";
        Assert.Equal(1, await AttemptsFor(client, HttpMethod.Post, foreign));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Send_WhenGet_IsRetried(string client, string idempotencyHeader)
    {
        _ = idempotencyHeader;
        Assert.Equal(4, await AttemptsFor(client, HttpMethod.Get, idempotencyHeader: null));
    }

    [Fact]
    public async Task Send_WhenProviderAnswers4xx_IsNotRetried()
    {
        server.FailNext(10, HttpStatusCode.BadRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "probe/bad")) { Content = new StringContent("{}") };
        request.Headers.Add(YooKassaApi.IdempotenceHeader, Guid.NewGuid().ToString());

        using var response = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(YooKassaRegistration.HttpClientName).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(server.RequestsTo("/probe/bad"));
    }
}
