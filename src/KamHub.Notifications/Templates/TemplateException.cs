namespace KamHub.Notifications.Templates;

/// <summary>A template is missing, does not parse, names an unknown variable or filter, or renders too long a message.</summary>
internal sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
