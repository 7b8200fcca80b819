using KamHub.Core.Errors;
using KamHub.Engagement.Data;

namespace KamHub.Engagement.Reviews;

/// <summary>The fields a review is written and edited with: stars, text, language and the optional aspects.</summary>
internal sealed record ReviewFields(int? Rating, string? Text, string? Language, ReviewAspects? Aspects)
{
    public static readonly string[] Languages = ["ru", "en"];

    /// <param name="partial">An edit: absent fields keep their value.</param>
    public ValidationErrors Check(bool partial)
    {
        var errors = new ValidationErrors();
        if (!partial || Rating is not null) errors.When(Rating is not (>= 1 and <= 5), "rating", "must be between 1 and 5.");
        if (!partial || Text is not null) errors.Required(Text, "text", Review.TextMaxLength, multiline: true);
        errors.When(Language is not null && !Languages.Contains(Language), "language", "must be ru or en.");
        errors.When(Aspects?.Guide is < 1 or > 5, "aspects.guide", "must be between 1 and 5.");
        errors.When(Aspects?.Safety is < 1 or > 5, "aspects.safety", "must be between 1 and 5.");
        errors.When(Aspects?.Value is < 1 or > 5, "aspects.value", "must be between 1 and 5.");
        return errors;
    }
}
