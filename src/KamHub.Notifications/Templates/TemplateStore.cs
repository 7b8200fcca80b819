using System.Collections.Concurrent;
using Scriban;
using KamHub.Core.Data;
using Microsoft.Extensions.Configuration;

namespace KamHub.Notifications.Templates;

/// <summary>
/// Template files: shipped beside the binary (NotificationTemplates/), each overridable by a file of the same relative
/// path under &lt;dataDir&gt;/templates/. Path: {type}/{channel}.{part}.{language}.liquid. Parsed once per file version (Scriban, Liquid syntax).
/// </summary>
internal sealed class TemplateStore(IConfiguration configuration)
{
    public const string ShippedFolder = "NotificationTemplates";

    private readonly ConcurrentDictionary<string, (DateTime Written, Template Template)> _parsed = new(StringComparer.Ordinal);

    public string ShippedDirectory { get; } = Path.Combine(AppContext.BaseDirectory, ShippedFolder);

    public string OverrideDirectory { get; } = Path.Combine(DataDirectory.Resolve(configuration), "templates");

    /// <summary>The template of one part, preferring the override; null when neither exists.</summary>
    public Template? Find(string type, string channel, string part, string language)
    {
        var relative = Path.Combine(type, $"{channel}.{part}.{language}.liquid");
        foreach (var root in new[] { OverrideDirectory, ShippedDirectory })
        {
            var path = Path.Combine(root, relative);
            if (File.Exists(path)) return Parse(path);
        }

        return null;
    }

    /// <summary>Every (type, channel, language) shipped, for the all-templates test and the preview's list.</summary>
    public IReadOnlyList<(string Type, string Channel, string Language)> Shipped() =>
        Directory.Exists(ShippedDirectory)
            ? Directory.EnumerateFiles(ShippedDirectory, "*.liquid", SearchOption.AllDirectories)
                .Select(f => (Type: Path.GetFileName(Path.GetDirectoryName(f))!, Parts: Path.GetFileNameWithoutExtension(f).Split('.')))
                .Where(f => f.Parts.Length == 3)
                .Select(f => (f.Type, f.Parts[0], f.Parts[2]))
                .Distinct().OrderBy(f => f.Type, StringComparer.Ordinal).ThenBy(f => f.Item2, StringComparer.Ordinal).ThenBy(f => f.Item3, StringComparer.Ordinal)
                .ToList()
            : [];

    public bool Exists(string type) =>
        IsSafeName(type) && (Directory.Exists(Path.Combine(ShippedDirectory, type)) || Directory.Exists(Path.Combine(OverrideDirectory, type)));

    /// <summary>Whether the type has templates for the channel (in the fallback language, which every type must have).</summary>
    public bool HasChannel(string type, string channel) => Find(type, channel, FirstPart(channel), "ru") is not null;

    public static string FirstPart(string channel) => channel switch
    {
        "email" => "subject",
        "push" => "title",
        _ => "text",
    };

    /// <summary>Type names come from URLs too: letters, digits and dashes only, so no path can escape the folders.</summary>
    public static bool IsSafeName(string name) => name.Length is > 0 and <= 40 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private Template Parse(string path)
    {
        var written = File.GetLastWriteTimeUtc(path);
        if (_parsed.TryGetValue(path, out var cached) && cached.Written == written) return cached.Template;
        // Liquid syntax: what template authors most likely know; Scriban parses it natively.
        var template = Template.ParseLiquid(File.ReadAllText(path), path);
        if (template.HasErrors) throw new TemplateException($"Template {path} does not parse: {string.Join("; ", template.Messages)}");
        _parsed[path] = (written, template);
        return template;
    }
}
