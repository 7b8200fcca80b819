using KamHub.Payments.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KamHub.IntegrationTests.Payments.Providers;

public sealed class PaymentProviderRegistrationTests
{
    private static readonly Dictionary<string, string?> AllThree = new()
    {
        ["KamHub:Payments:Stripe:SecretKey"] = "sk_test",
        ["KamHub:Payments:Stripe:WebhookSecret"] = "whsec_test",
        ["KamHub:Payments:YooKassa:ShopId"] = "506751",
        ["KamHub:Payments:YooKassa:SecretKey"] = "test_secret",
        ["KamHub:Payments:YooKassa:ReturnUrl"] = "https://kamhub.example/bookings",
        ["KamHub:Payments:CloudPayments:PublicId"] = "pk_test",
        ["KamHub:Payments:CloudPayments:ApiSecret"] = "secret",
    };

    [Fact]
    public void AddPaymentProviderClients_WhenAllSectionsArePresent_RegistersEachProviderUnderItsName()
    {
        using var host = ProviderHost.Create(AllThree);

        foreach (var name in new[] { "stripe", "yookassa", "cloudpayments" })
            Assert.Equal(name, host.Provider(name).Name);
    }

    [Fact]
    public void AddPaymentProviderClients_WhenASectionIsAbsent_LeavesThatProviderOut()
    {
        using var host = ProviderHost.Create(AllThree.Where(s => !s.Key.Contains("Stripe", StringComparison.Ordinal)).ToDictionary());

        Assert.Null(host.Services.GetKeyedService<IPaymentProvider>("stripe"));
        Assert.NotNull(host.Services.GetKeyedService<IPaymentProvider>("yookassa"));
    }

    [Theory]
    [InlineData("KamHub:Payments:Stripe:WebhookSecret", "", "WebhookSecret")]
    [InlineData("KamHub:Payments:YooKassa:ShopId", "", "ShopId")]
    [InlineData("KamHub:Payments:YooKassa:NotificationAllowlist:0", "185.71.76.0/99", "NotificationAllowlist")]
    [InlineData("KamHub:Payments:CloudPayments:ApiBase", "not a url", "ApiBase")]
    public async Task Start_WhenAProviderSettingIsInvalid_FailsNamingTheSetting(string key, string value, string named)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(AllThree) { [key] = value });
        builder.Services.AddPaymentProviderClients(builder.Configuration);
        using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
