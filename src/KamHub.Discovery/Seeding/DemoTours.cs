using System.Text.Json;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;

namespace KamHub.Discovery.Seeding;

/// <summary>Builds a published tour from a template and a variant number; shared by the demo and bulk seeders.</summary>
internal static class DemoTours
{
    public static Tour Build(int n, Guid operatorId, string slug, DateTime createdAt, Random random)
    {
        var template = DemoCatalog.Templates[n % DemoCatalog.Templates.Length];
        var variant = n / DemoCatalog.Templates.Length % DemoCatalog.Variants.Length;
        var priceFactor = 1 + variant * 0.25 + random.NextDouble() * 0.1;
        return new Tour
        {
            Id = Guid.CreateVersion7(createdAt),
            OperatorId = operatorId,
            Slug = slug,
            TitleRu = template.TitleRu + DemoCatalog.Variants[variant],
            TitleEn = template.TitleEn + DemoCatalog.VariantsEn[variant],
            DescriptionRu = template.DescriptionRu,
            DescriptionEn = template.DescriptionEn,
            Region = DemoCatalog.Region,
            MeetingLat = Math.Round(template.Lat + (random.NextDouble() - 0.5) * 0.1, 5),
            MeetingLon = Math.Round(template.Lon + (random.NextDouble() - 0.5) * 0.1, 5),
            DurationMinutes = template.DurationMinutes,
            // Roubles rounded to 100, then kopecks.
            BasePriceMinor = (long)Math.Round(template.PriceRub * priceFactor / 100) * 100 * 100,
            Currency = "RUB",
            MaxGroupSize = variant == 2 ? 2 : template.MaxGroup,
            Difficulty = Enum.Parse<TourDifficulty>(template.Difficulty, true),
            Tags = TourTags.Format(template.Tags),
            SeasonFromMonth = template.SeasonFrom,
            SeasonToMonth = template.SeasonTo,
            Photos = JsonSerializer.Serialize(new[] { $"https://img.kamhub.dev/tours/{n % DemoCatalog.Templates.Length}.jpg" }),
            Status = TourStatus.Published,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
    }
}
