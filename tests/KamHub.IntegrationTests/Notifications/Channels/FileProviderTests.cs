using System.Text.Json.Nodes;
using MimeKit;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class FileProviderTests
{
    [Fact]
    public async Task SendAsync_ByDefault_WritesEmailAsAnEmlFileAMailClientCanOpen()
    {
        await using var host = await ChannelTestHost.StartAsync(new Dictionary<string, string?>());
        var message = Messages.Email();

        var outcome = await host.Sender.SendAsync(message, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        Assert.Equal("file", outcome.Provider);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(host.DataDir, "outbox", "email")));
        Assert.Equal(outcome.ProviderMessageId, Path.GetFileName(file));
        Assert.EndsWith($"{message.DeliveryId:N}.eml", file);
        var eml = await MimeMessage.LoadAsync(file);
        Assert.Equal(message.Subject, eml.Subject);
        Assert.Equal("anna@example.com", eml.To.Mailboxes.Single().Address);
        Assert.Contains("«Вулканы»", eml.TextBody);
        Assert.Contains("<b>«Вулканы»</b>", eml.HtmlBody);
    }

    [Fact]
    public async Task SendAsync_ByDefault_WritesSmsAndPushAsReadableJson()
    {
        await using var host = await ChannelTestHost.StartAsync(new Dictionary<string, string?>());

        var sms = await host.Sender.SendAsync(Messages.Sms(), CancellationToken.None);
        var push = await host.Sender.SendAsync(Messages.Push(), CancellationToken.None);

        Assert.True(sms.Sent && push.Sent);
        var smsText = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(host.DataDir, "outbox", "sms"))));
        // Readable in an editor: Cyrillic as it is, not \uXXXX escapes.
        Assert.Contains("бронь KH-2041 подтверждена", smsText, StringComparison.Ordinal);
        var smsJson = JsonNode.Parse(smsText)!;
        Assert.Equal("+79001234567", smsJson["recipient"]!.GetValue<string>());
        Assert.Equal("KamHub: бронь KH-2041 подтверждена", smsJson["text"]!.GetValue<string>());
        var pushText = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(host.DataDir, "outbox", "push"), "*.json")));
        Assert.Contains("\n", pushText);
        var pushJson = JsonNode.Parse(pushText)!;
        Assert.Equal("Booking confirmed", pushJson["title"]!.GetValue<string>());
        Assert.Equal("KH-2041", pushJson["data"]!["bookingId"]!.GetValue<string>());
    }
}
