using KamHub.Notifications.Channels.Email;
using KamHub.Notifications.Channels.Http;
using KamHub.Notifications.Channels.Outbox;
using KamHub.Notifications.Channels.Push;
using KamHub.Notifications.Channels.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels;

internal static class ChannelRegistration
{
    /// <summary>
    /// Every provider of every channel, the failover sender and its metrics. All providers are registered; only those a channel
    /// routes through must have valid settings, checked on start.
    /// </summary>
    internal static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ChannelMetrics>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(ChannelMetrics.MeterName));
        services.AddValidatedOptions<ChannelRoutingOptions>(configuration.GetSection(ChannelRoutingOptions.SectionName));
        services.TryAddSingleton<IChannelSender, ChannelSender>();

        AddFile(services, configuration, dataDirectory);
        services.TryAddSingleton<SmtpConnectionPool>();
        AddProvider<SmtpOptions, SmtpEmailProvider>(services, configuration, SmtpOptions.SectionName, NotificationChannel.Email, ChannelProviderCatalog.Smtp);
        AddHttpProvider<SendGridOptions, SendGridEmailProvider>(services, configuration, SendGridOptions.SectionName, NotificationChannel.Email, ChannelProviderCatalog.SendGrid);
        AddHttpProvider<TwilioOptions, TwilioSmsProvider>(services, configuration, TwilioOptions.SectionName, NotificationChannel.Sms, ChannelProviderCatalog.Twilio);
        AddHttpProvider<SmsRuOptions, SmsRuSmsProvider>(services, configuration, SmsRuOptions.SectionName, NotificationChannel.Sms, ChannelProviderCatalog.SmsRu);
        services.TryAddSingleton<FcmAccessTokens>();
        AddHttpProvider<FcmOptions, FcmPushProvider>(services, configuration, FcmOptions.SectionName, NotificationChannel.Push, ChannelProviderCatalog.Fcm);
        services.TryAddSingleton<ApnsProviderTokens>();
        AddHttpProvider<ApnsOptions, ApnsPushProvider>(services, configuration, ApnsOptions.SectionName, NotificationChannel.Push, ChannelProviderCatalog.Apns,
            http2Only: true);
        return services;
    }

    private static void AddFile(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddValidatedOptions<FileOutboxOptions>(configuration.GetSection(FileOutboxOptions.SectionName))
            .PostConfigure(o => o.Directory = string.IsNullOrWhiteSpace(o.Directory) ? Path.Combine(dataDirectory, "outbox") : Path.GetFullPath(o.Directory));
        services.TryAddSingleton<FileOutbox>();
        services.TryAddSingleton<FileEmailProvider>();
        AddKeyed(services, NotificationChannel.Email, ChannelProviderCatalog.File, sp => sp.GetRequiredService<FileEmailProvider>());
        foreach (var channel in new[] { NotificationChannel.Sms, NotificationChannel.Push })
            AddKeyed(services, channel, ChannelProviderCatalog.File, sp => new FileJsonProvider(channel, sp.GetRequiredService<FileOutbox>()));
    }

    private static void AddHttpProvider<TOptions, TProvider>(IServiceCollection services, IConfiguration configuration, string section,
        NotificationChannel channel, string name, bool http2Only = false)
        where TOptions : class, IProviderOptions
        where TProvider : class, IChannelProvider
    {
        ProviderHttpClients.Add(services, configuration.GetSection(section), name, http2Only);
        AddProvider<TOptions, TProvider>(services, configuration, section, channel, name);
    }

    private static void AddProvider<TOptions, TProvider>(IServiceCollection services, IConfiguration configuration, string section,
        NotificationChannel channel, string name)
        where TOptions : class, IProviderOptions
        where TProvider : class, IChannelProvider
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new ProviderOptionsValidator<TOptions>(channel, name, sp.GetRequiredService<IOptionsMonitor<ChannelRoutingOptions>>()));
        services.TryAddSingleton<TProvider>();
        AddKeyed(services, channel, name, sp => sp.GetRequiredService<TProvider>());
    }

    private static void AddKeyed(IServiceCollection services, NotificationChannel channel, string name, Func<IServiceProvider, IChannelProvider> factory) =>
        services.AddKeyedSingleton<IChannelProvider>(ChannelProviderCatalog.Key(channel, name), (sp, _) => factory(sp));
}
