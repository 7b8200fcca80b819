namespace KamHub.Partners.Onboarding.Documents;

/// <summary>
/// The files an application takes: PDF, JPEG and PNG, told by their first bytes. The declared content type and the
/// name's extension are the uploader's word and are not trusted, so a file served back to an admin's browser is always
/// what it is stored as (ADR 0025).
/// </summary>
internal static class DocumentKinds
{
    public const string Allowed = "a PDF, JPEG or PNG file";

    /// <summary>Every content type a stored document can have.</summary>
    public static string[] ContentTypes => [.. Kinds.Select(k => k.ContentType)];

    private static readonly (byte[] Magic, string ContentType)[] Kinds =
    [
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
    ];

    public static string? ContentTypeOf(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, contentType) in Kinds)
        {
            if (content.StartsWith(magic)) return contentType;
        }

        return null;
    }

    /// <summary>The name without any path the browser sent, trimmed to what the column holds.</summary>
    public static string SafeName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/')).Trim();
        bare = new string(bare.Where(c => !char.IsControl(c)).ToArray());
        if (bare.Length == 0) bare = "document";
        return bare.Length <= Data.ApplicationDocument.FileNameMaxLength ? bare : bare[^Data.ApplicationDocument.FileNameMaxLength..];
    }
}
