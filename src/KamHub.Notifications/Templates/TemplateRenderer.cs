using System.Text.Encodings.Web;
using Fluid;
using KamHub.Notifications.Data;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Templates;

/// <summary>Renders a notification type for a channel and language with Fluid (Liquid), strict about variables and filters.</summary>
internal sealed class TemplateRenderer(TemplateStore store, IOptions<NotificationsOptions> options)
{
    public const string FallbackLanguage = "ru";
    public static readonly IReadOnlyList<string> Languages = ["ru", "en"];

    private static readonly TemplateOptions Strict = new() { StrictVariables = true, StrictFilters = true };

    public async Task<RenderedMessage> RenderAsync(string type, string channel, string language, NotificationModel model, TimeZoneInfo zone)
    {
        var lang = Languages.Contains(language) && store.Find(type, channel, TemplateStore.FirstPart(channel), language) is not null ? language : FallbackLanguage;
        var variables = TemplateVariables.From(model, lang, zone);
        switch (channel)
        {
            case ChannelNames.Email:
                return new RenderedMessage(
                    (await PartAsync(type, channel, "subject", lang, variables, NullEncoder.Default)).Trim(),
                    await PartAsync(type, channel, "text", lang, variables, NullEncoder.Default),
                    await PartAsync(type, channel, "html", lang, variables, HtmlEncoder.Default));
            case ChannelNames.Sms:
                var text = (await PartAsync(type, channel, "text", lang, variables, NullEncoder.Default)).Trim();
                var segments = SmsSegments.Count(text);
                if (segments > options.Value.SmsMaxSegments)
                    throw new TemplateException($"SMS {type} ({lang}) needs {segments} segments, more than the {options.Value.SmsMaxSegments} allowed: {text.Length} characters.");
                return new RenderedMessage(null, text, null);
            case ChannelNames.Push:
                return new RenderedMessage(
                    (await PartAsync(type, channel, "title", lang, variables, NullEncoder.Default)).Trim(),
                    (await PartAsync(type, channel, "body", lang, variables, NullEncoder.Default)).Trim(),
                    null);
            default:
                throw new TemplateException($"Unknown channel {channel}.");
        }
    }

    private async Task<string> PartAsync(string type, string channel, string part, string language, IReadOnlyDictionary<string, string> variables, TextEncoder encoder)
    {
        var template = store.Find(type, channel, part, language)
            ?? throw new TemplateException($"There is no template {type}/{channel}.{part}.{language}.liquid.");
        var context = new TemplateContext(Strict);
        foreach (var (name, value) in variables) context.SetValue(name, value);
        try
        {
            return await template.RenderAsync(context, encoder);
        }
        catch (InvalidOperationException ex)
        {
            throw new TemplateException($"Template {type}/{channel}.{part}.{language} failed: {ex.Message}", ex);
        }
    }
}
