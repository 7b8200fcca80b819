using KamHub.Discovery.Contracts;

namespace KamHub.Discovery.Seeding;

/// <summary>Small arrays the demo and bulk seeders combine into realistic Kamchatka tours.</summary>
internal static class DemoCatalog
{
    public sealed record OperatorSeed(Guid Id, string Name, string Slug, string Description);

    /// <param name="PriceRub">Whole roubles; stored in kopecks.</param>
    public sealed record TourTemplate(string TitleRu, string TitleEn, string DescriptionRu, string DescriptionEn, string[] Tags,
        int PriceRub, int DurationMinutes, string Difficulty, double Lat, double Lon, int SeasonFrom, int SeasonTo, int MaxGroup);

    public const string Region = "kamchatka";

    public static readonly OperatorSeed[] Operators =
    [
        new(DemoOperators.Primary, "Kamchatka Volcano Expeditions", "kamchatka-volcano-expeditions", "Volcano ascents and multi-day treks since 2004."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0002"), "Avacha Bay Tours", "avacha-bay-tours", "Boat trips in Avacha Bay and to the Three Brothers rocks."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0003"), "Kuril Lake Bear Watch", "kuril-lake-bear-watch", "Brown bear viewing at Kuril Lake and Khodutka."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0004"), "Bystraya River Rafting", "bystraya-river-rafting", "Rafting and fly fishing on the Bystraya and Zhupanova."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0005"), "Valley of Geysers Heli", "valley-of-geysers-heli", "Helicopter tours to the Valley of Geysers and Uzon caldera."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0006"), "Paratunka Hot Springs", "paratunka-hot-springs", "Thermal springs, spa days and easy walks."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0007"), "Kamchatka Fishing Club", "kamchatka-fishing-club", "Salmon and char fishing camps."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0008"), "Elizovo Transfers", "elizovo-transfers", "Airport transfers and 4x4 rides to trailheads."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0009"), "Mutnovsky Adventures", "mutnovsky-adventures", "Mutnovsky and Gorely volcanoes by truck and on foot."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0010"), "Klyuchevskaya Group Treks", "klyuchevskaya-group-treks", "Expeditions to Tolbachik and the Klyuchevskaya group."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0011"), "Snow Kamchatka", "snow-kamchatka", "Snowmobile safaris, freeride and dog sledding."),
        new(Guid.Parse("6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0012"), "Commander Islands Travel", "commander-islands-travel", "Sea kayaking and wildlife of the Commander Islands."),
    ];

    public static readonly TourTemplate[] Templates =
    [
        new("Восхождение на Авачинский вулкан", "Avachinsky volcano ascent", "Однодневное восхождение на действующий вулкан с видом на Авачинскую бухту.",
            "A one-day ascent of an active volcano with views over Avacha Bay.", ["volcano", "hiking", "summit"], 12_000, 720, "hard", 53.255, 158.83, 6, 9, 15),
        new("Медведи Курильского озера", "Bears of Kuril Lake", "Наблюдение за бурыми медведями на нерестилище лосося.",
            "Watch brown bears fishing for salmon at the spawning grounds.", ["bears", "wildlife", "helicopter"], 95_000, 480, "easy", 51.45, 157.1, 7, 9, 8),
        new("Сплав по реке Быстрая", "Bystraya river rafting", "Спокойный сплав с рыбалкой и ухой на берегу.",
            "A calm rafting trip with fishing and fish soup on the bank.", ["rafting", "fishing", "river"], 9_500, 600, "moderate", 53.0, 158.0, 6, 9, 12),
        new("Долина гейзеров на вертолёте", "Valley of Geysers by helicopter", "Вертолётная экскурсия в Долину гейзеров и кальдеру Узон.",
            "Helicopter excursion to the Valley of Geysers and Uzon caldera.", ["helicopter", "geysers", "volcano"], 110_000, 540, "easy", 54.43, 160.14, 5, 10, 20),
        new("Паратунские горячие источники", "Paratunka hot springs", "Купание в термальных источниках и отдых в бассейнах.",
            "Bathing in thermal springs and relaxing in open-air pools.", ["hot-springs", "relax", "family"], 3_500, 300, "easy", 52.96, 158.25, 1, 12, 25),
        new("Рыбалка на нерку", "Sockeye salmon fishing", "Рыболовный день на реке с опытным гидом.",
            "A fishing day on the river with an experienced guide.", ["fishing", "salmon", "river"], 15_000, 600, "moderate", 52.6, 157.9, 6, 9, 6),
        new("Трансфер из аэропорта Елизово", "Yelizovo airport transfer", "Встреча в аэропорту и трансфер в гостиницу.",
            "Airport pick-up and transfer to your hotel.", ["transfer", "airport"], 2_500, 60, "easy", 53.167, 158.454, 1, 12, 7),
        new("Вулканы Мутновский и Горелый", "Mutnovsky and Gorely volcanoes", "Поездка на вездеходе к фумаролам и кислотному озеру.",
            "A truck ride to fumaroles and the acid crater lake.", ["volcano", "hiking", "4x4"], 18_000, 840, "hard", 52.45, 158.2, 7, 9, 14),
        new("Экспедиция на Толбачик", "Tolbachik expedition", "Многодневный трек по лавовым полям и пещерам.",
            "A multi-day trek across lava fields and caves.", ["volcano", "trekking", "expedition"], 145_000, 7200, "extreme", 55.83, 160.33, 7, 8, 10),
        new("Снегоходное сафари", "Snowmobile safari", "Поездка на снегоходах к подножию вулканов.",
            "A snowmobile ride to the foot of the volcanoes.", ["snowmobile", "winter", "volcano"], 25_000, 360, "moderate", 53.2, 158.6, 12, 4, 8),
        new("Морская прогулка к Трём братьям", "Boat trip to the Three Brothers", "Морская прогулка по Авачинской бухте с рыбалкой.",
            "A boat trip across Avacha Bay with sea fishing.", ["boat", "sea", "wildlife"], 7_500, 300, "easy", 53.0, 158.65, 5, 10, 30),
        new("Каякинг на Командорах", "Commander Islands kayaking", "Морской каякинг среди каланов и котиков.",
            "Sea kayaking among sea otters and fur seals.", ["kayak", "sea", "wildlife"], 68_000, 2880, "hard", 55.2, 165.98, 7, 8, 8),
    ];

    public static readonly string[] Variants = ["", " (мини-группа)", " (индивидуально)", " (на рассвете)", " (премиум)"];
    public static readonly string[] VariantsEn = ["", " (small group)", " (private)", " (sunrise)", " (premium)"];
}
