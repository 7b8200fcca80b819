using Microsoft.Extensions.Options;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class ChannelOptionsTests
{
    [Fact]
    public async Task Start_WhenSmtpIsRoutedWithoutAHost_FailsNamingTheSetting()
    {
        var settings = Route("Email", "smtp", "file").And(Provider("Smtp", ("From", "noreply@kamhub.test")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ChannelTestHost.StartAsync(settings));

        Assert.Contains("KamHub:Notifications:Providers:Smtp:Host is required.", error.Failures);
    }

    [Fact]
    public async Task Start_WhenARouteNamesAProviderOfAnotherChannel_FailsListingTheKnownOnes()
    {
        var settings = Route("Sms", "sendgrid");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ChannelTestHost.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.Contains("'sendgrid'", StringComparison.Ordinal) && f.Contains("twilio, smsru, file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WhenApnsKeyIsNotAnEcKey_FailsBeforeAnySend()
    {
        var settings = Route("Push", "apns").And(Provider("Apns", ("KeyId", "K"), ("TeamId", "T"), ("Topic", "ru.kamhub.app"), ("PrivateKey", "not a key")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ChannelTestHost.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.Contains("Apns: the signing key cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WhenUnusedProvidersHaveNoSettings_StartsOnTheFileDefault()
    {
        var settings = Provider("Twilio", ("ApiBase", "not a url"));

        await using var host = await ChannelTestHost.StartAsync(settings);
        var outcome = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal("file", outcome.Provider);
    }
}
