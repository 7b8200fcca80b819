using KamHub.Core.Hosting;

namespace KamHub.Payments.Providers.CloudPayments;

internal sealed class CloudPaymentsOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Payments:CloudPayments";

    /// <summary>The site's Public ID: the API login.</summary>
    public string PublicId { get; set; } = "";

    /// <summary>The API secret: the API password and the HMAC key of notifications.</summary>
    public string ApiSecret { get; set; } = "";

    public string ApiBase { get; set; } = "https://api.cloudpayments.ru/";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(PublicId)) yield return $"{SectionName}:PublicId is required.";
        if (string.IsNullOrWhiteSpace(ApiSecret)) yield return $"{SectionName}:ApiSecret is required (notifications cannot be verified without it).";
        if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return $"{SectionName}:ApiBase must be an absolute http(s) URL.";
    }
}
