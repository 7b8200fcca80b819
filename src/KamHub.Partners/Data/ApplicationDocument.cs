namespace KamHub.Partners.Data;

/// <summary>
/// A document an operator organisation attached to its onboarding application (registration certificate, bank letter):
/// the file itself, kept by Partners beside the application it supports (ADR 0025).
/// </summary>
internal sealed class ApplicationDocument
{
    public const int FileNameMaxLength = 200;

    public Guid Id { get; set; }

    public Guid OperatorId { get; set; }

    /// <summary>The name the file had on the uploader's machine, without any path.</summary>
    public string FileName { get; set; } = "";

    /// <summary>application/pdf, image/jpeg or image/png, as read from the file's first bytes (not as the upload claimed).</summary>
    public string ContentType { get; set; } = "";

    public int SizeBytes { get; set; }

    /// <summary>Hex SHA-256 of the content, so an admin can tell two uploads of the same file apart from different ones.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    /// <summary><see cref="DocumentScan.Clean"/> when clamd found nothing, <see cref="DocumentScan.NotScanned"/> when no scanner was configured.</summary>
    public string Scan { get; set; } = DocumentScan.NotScanned;

    public Guid UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>What the virus scan said of a stored document. An infected file is never stored, so it has no value here.</summary>
internal static class DocumentScan
{
    public const string Clean = "clean";
    public const string NotScanned = "not-scanned";
}
