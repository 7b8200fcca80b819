using KamHub.Notifications;
using KamHub.Notifications.Data;
using KamHub.Notifications.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>
/// Every shipped template renders in both languages with sample data: a template error or an unknown variable fails
/// the suite, not a send at 3 a.m. No host or database: the templates as they are copied beside the binary.
/// </summary>
public sealed class TemplateTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("kamhub-templates-").FullName;
    private readonly TemplateStore _store;
    private readonly TemplateRenderer _renderer;

    public TemplateTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["KamHub:DataDir"] = _dataDir }).Build();
        _store = new TemplateStore(configuration);
        _renderer = new TemplateRenderer(_store, Options.Create(new NotificationsOptions()));
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static TimeZoneInfo Kamchatka => TimeZoneInfo.FindSystemTimeZoneById(SampleModels.TimeZone);

    [Fact]
    public async Task Render_EveryShippedTemplateInBothLanguages_SucceedsWithTheLocalDate()
    {
        var shipped = _store.Shipped();
        Assert.True(shipped.Count >= 8, $"Expected the shipped templates beside the binary, found {shipped.Count}");
        var failures = new List<string>();
        foreach (var (type, channel) in shipped.Select(s => (s.Type, s.Channel)).Distinct())
        {
            foreach (var language in TemplateRenderer.Languages)
            {
                if (_store.Find(type, channel, TemplateStore.FirstPart(channel), language) is null)
                {
                    failures.Add($"{type}/{channel}: no {language} version");
                    continue;
                }

                try
                {
                    var message = await _renderer.RenderAsync(type, channel, language, SampleModels.For(type), Kamchatka);
                    var body = message.Text + message.Subject + message.Html;
                    if (string.IsNullOrWhiteSpace(message.Text)) failures.Add($"{type}/{channel}/{language}: empty text");
                    if (channel == ChannelNames.Email && (string.IsNullOrWhiteSpace(message.Subject) || string.IsNullOrWhiteSpace(message.Html)))
                        failures.Add($"{type}/{channel}/{language}: e-mail without subject or HTML");
                    if (body.Contains("{{", StringComparison.Ordinal) || body.Contains("{%", StringComparison.Ordinal)) failures.Add($"{type}/{channel}/{language}: unrendered Liquid");
                    if (body.Contains("1 July", StringComparison.Ordinal) || body.Contains("1 июля", StringComparison.Ordinal) || body.Contains("14:30", StringComparison.Ordinal))
                        failures.Add($"{type}/{channel}/{language}: shows the UTC date instead of Kamchatka's");
                }
                catch (TemplateException ex)
                {
                    failures.Add($"{type}/{channel}/{language}: {ex.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("ru", "2 июля 2027, 02:30")]
    [InlineData("en", "2 July 2027, 02:30")]
    public async Task Render_ReminderEmail_ShowsTheStartInKamchatkaTimeAcrossMidnight(string language, string expected)
    {
        var message = await _renderer.RenderAsync("reminder", ChannelNames.Email, language, SampleModels.For("reminder"), Kamchatka);

        Assert.Contains(expected, message.Subject);
        Assert.Contains(expected, message.Text);
        Assert.Contains(expected, message.Html);
    }

    [Fact]
    public async Task Render_WhenAnOverrideNamesAnUnknownVariable_Fails()
    {
        Override("booking-expired", "email.subject.ru.liquid", "Бронь {{ booking_refrence }}");

        var error = await Assert.ThrowsAsync<TemplateException>(() => _renderer.RenderAsync("booking-expired", ChannelNames.Email, "ru", SampleModels.For("x"), Kamchatka));
        Assert.Contains("booking_refrence", error.Message);
    }

    [Fact]
    public async Task Render_WhenAnOverrideExists_UsesItInsteadOfTheShippedFile()
    {
        Override("booking-expired", "email.subject.en.liquid", "Too late for {{ booking_reference }}");

        var message = await _renderer.RenderAsync("booking-expired", ChannelNames.Email, "en", SampleModels.For("x"), Kamchatka);

        Assert.Equal("Too late for KH-7QF3-M9XA", message.Subject);
    }

    [Fact]
    public async Task Render_WhenAnSmsIsLongerThanTheSegmentLimit_Fails()
    {
        Override("reminder", "sms.text.ru.liquid", string.Concat(Enumerable.Repeat("Очень длинное напоминание. ", 10)));

        await Assert.ThrowsAsync<TemplateException>(() => _renderer.RenderAsync("reminder", ChannelNames.Sms, "ru", SampleModels.For("reminder"), Kamchatka));
    }

    [Fact]
    public async Task Render_WhenTheTemplateDoesNotParse_Fails()
    {
        Override("booking-expired", "email.text.ru.liquid", "{% if booking_reference %} never closed");

        await Assert.ThrowsAsync<TemplateException>(() => _renderer.RenderAsync("booking-expired", ChannelNames.Email, "ru", SampleModels.For("x"), Kamchatka));
    }

    [Fact]
    public async Task Render_WhenTheLanguageHasNoTemplate_FallsBackToRussian()
    {
        var message = await _renderer.RenderAsync("booking-expired", ChannelNames.Email, "de", SampleModels.For("x"), Kamchatka);

        Assert.Contains("Бронирование", message.Subject);
    }

    private void Override(string type, string file, string text)
    {
        Directory.CreateDirectory(Path.Combine(_dataDir, "templates", type));
        File.WriteAllText(Path.Combine(_dataDir, "templates", type, file), text);
    }
}
