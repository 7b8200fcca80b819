using System.Text.Json;
using KamHub.Core.Errors;
using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;

namespace KamHub.Discovery.Tours;

/// <summary>
/// A tour's refund tiers: checked with the same rules Booking applies to a departure's policy (so whatever the catalog
/// accepts, Booking can copy onto a booking), stored as JSON.
/// </summary>
internal static class TourPolicyRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Check(TourCancellationPolicy? policy, ValidationErrors errors)
    {
        if (policy is null) return;
        const string field = "cancellationPolicy.tiers";
        if (policy.Tiers is null || policy.Tiers.Count == 0)
        {
            errors.Add(field, "must list at least one tier (omit cancellationPolicy for the platform default).");
            return;
        }

        errors.When(policy.Tiers.Count > TourLimits.MaxRefundTiers, field, $"must list at most {TourLimits.MaxRefundTiers} tiers.");
        for (var i = 0; i < policy.Tiers.Count; i++)
        {
            var tier = policy.Tiers[i];
            var at = $"{field}[{i}]";
            if (tier is null) errors.Add(at, "is required.");
            else if ((tier.DaysBefore is null) == (tier.HoursBefore is null)) errors.Add(at, "must give exactly one of daysBefore and hoursBefore.");
            else if (tier.DaysBefore is < 0 or > 365 || tier.HoursBefore is < 0 or > 8760) errors.Add(at, "notice must be between 0 and 365 days (8760 hours).");
            else errors.When(tier.RefundPercent is < 0 or > 100, at + ".refundPercent", "must be between 0 and 100.");
        }
    }

    public static string? Write(TourCancellationPolicy? policy) => policy is null ? null : JsonSerializer.Serialize(policy, Json);

    public static TourCancellationPolicy? Read(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TourCancellationPolicy>(json, Json);
}
