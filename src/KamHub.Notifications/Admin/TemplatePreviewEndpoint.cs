using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Notifications.Data;
using KamHub.Notifications.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using KamHub.Core.Time;

namespace KamHub.Notifications.Admin;

/// <summary>GET /api/admin/notifications/templates/{name}/preview?lang=&amp;channel=: a template rendered with sample data, in Kamchatka time.</summary>
internal static class TemplatePreviewEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/notifications/templates/{name}/preview", PreviewAsync).RequireAuthorization(AuthenticationRegistration.AdminPolicy)
            .WithTags("Notifications").WithSummary("Render a notification template with sample data.").Produces<TemplatePreview>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> PreviewAsync(string name, string? lang, string? channel, TemplateStore store, TemplateRenderer renderer)
    {
        var language = lang ?? TemplateRenderer.FallbackLanguage;
        var on = channel ?? ChannelNames.Email;
        var errors = new ValidationErrors()
            .When(!TemplateRenderer.Languages.Contains(language), "lang", $"must be one of: {string.Join(", ", TemplateRenderer.Languages)}.")
            .When(!ChannelNames.All.Contains(on), "channel", $"must be one of: {string.Join(", ", ChannelNames.All)}.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (!store.Exists(name)) return Problems.NotFound($"There is no notification template {name}.");

        try
        {
            if (!store.HasChannel(name, on)) return Problems.NotFound($"Template {name} has no {on} version.");
            var message = await renderer.RenderAsync(name, on, language, SampleModels.For(name), TimeZones.Find(SampleModels.TimeZone)!);
            return TypedResults.Ok(new TemplatePreview(name, on, language, message.Subject, message.Text, message.Html));
        }
        catch (TemplateException ex)
        {
            return Problems.Unprocessable(ex.Message);
        }
    }
}

internal sealed record TemplatePreview(string Name, string Channel, string Language, string? Subject, string Text, string? Html);
