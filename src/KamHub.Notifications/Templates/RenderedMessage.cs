namespace KamHub.Notifications.Templates;

/// <summary>A message ready for a channel: e-mail subject, text and HTML; SMS text; push title (as subject) and body.</summary>
internal sealed record RenderedMessage(string? Subject, string Text, string? Html);
