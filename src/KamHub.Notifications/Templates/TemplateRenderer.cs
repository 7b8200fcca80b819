using System.Text.Encodings.Web;
using KamHub.Notifications.Data;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace KamHub.Notifications.Templates;

/// <summary>
/// Renders a notification type for a channel and language with Scriban (Liquid syntax), strict about variables: a
/// name that is not a <see cref="TemplateVariables"/> entry or a known function fails. HTML parts get HTML-encoded values.
/// </summary>
internal sealed class TemplateRenderer(TemplateStore store, IOptions<NotificationsOptions> options)
{
    public const string FallbackLanguage = "ru";
    public static readonly IReadOnlyList<string> Languages = ["ru", "en"];

    // Markup characters only: Cyrillic stays readable in the HTML source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public async Task<RenderedMessage> RenderAsync(string type, string channel, string language, NotificationModel model, TimeZoneInfo zone)
    {
        var lang = Languages.Contains(language) && store.Find(type, channel, TemplateStore.FirstPart(channel), language) is not null ? language : FallbackLanguage;
        var variables = TemplateVariables.From(model, lang, zone);
        switch (channel)
        {
            case ChannelNames.Email:
                return new RenderedMessage(
                    (await PartAsync(type, channel, "subject", lang, variables, null)).Trim(),
                    await PartAsync(type, channel, "text", lang, variables, null),
                    await PartAsync(type, channel, "html", lang, variables, Html));
            case ChannelNames.Sms:
                var text = (await PartAsync(type, channel, "text", lang, variables, null)).Trim();
                var segments = SmsSegments.Count(text);
                if (segments > options.Value.SmsMaxSegments)
                    throw new TemplateException($"SMS {type} ({lang}) needs {segments} segments, more than the {options.Value.SmsMaxSegments} allowed: {text.Length} characters.");
                return new RenderedMessage(null, text, null);
            case ChannelNames.Push:
                return new RenderedMessage(
                    (await PartAsync(type, channel, "title", lang, variables, null)).Trim(),
                    (await PartAsync(type, channel, "body", lang, variables, null)).Trim(),
                    null);
            default:
                throw new TemplateException($"Unknown channel {channel}.");
        }
    }

    private async Task<string> PartAsync(string type, string channel, string part, string language, IReadOnlyDictionary<string, string> variables, TextEncoder? encoder)
    {
        var template = store.Find(type, channel, part, language)
            ?? throw new TemplateException($"There is no template {type}/{channel}.{part}.{language}.liquid.");
        var globals = new ScriptObject();
        foreach (var (name, value) in variables) globals.Add(name, encoder is null ? value : encoder.Encode(value));
        var context = new LiquidTemplateContext { StrictVariables = true, LoopLimit = 1000 };
        context.PushGlobal(globals);
        try
        {
            return await template.RenderAsync(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateException($"Template {type}/{channel}.{part}.{language} failed: {ex.Message}", ex);
        }
    }
}
