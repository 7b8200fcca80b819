using KamHub.Notifications.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KamHub.IntegrationTests.Notifications.Channels;

/// <summary>
/// The channel services alone in a started generic host (so options are validated on start, as in KamHub), with settings
/// from a dictionary and a throwaway data directory. No database: providers talk to fakes on loopback.
/// </summary>
internal sealed class ChannelTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ChannelTestHost(IHost host, string dataDir)
    {
        _host = host;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    public IServiceProvider Services => _host.Services;

    public IChannelSender Sender => Services.GetRequiredService<IChannelSender>();

    public static async Task<ChannelTestHost> StartAsync(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("kamhub-channels-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddNotificationChannels(builder.Configuration, dataDir);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            Directory.Delete(dataDir, recursive: true);
            throw;
        }

        return new ChannelTestHost(host, dataDir);
    }

    public IChannelProvider Provider(NotificationChannel channel, string name) =>
        Services.GetRequiredKeyedService<IChannelProvider>(ChannelProviderCatalog.Key(channel, name));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
