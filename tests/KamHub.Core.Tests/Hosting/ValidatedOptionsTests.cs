using KamHub.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Tests.Hosting;

public sealed class ValidatedOptionsTests
{
    private sealed class SampleOptions : IValidatedOptions
    {
        public int Limit { get; set; } = 1;
        public string? ApiBase { get; set; } = "https://example.test/";

        public IEnumerable<string> Validate()
        {
            if (Limit <= 0) yield return "Sample:Limit must be positive.";
            if (!ValidatedOptions.IsAbsoluteHttpUrl(ApiBase)) yield return "Sample:ApiBase must be an absolute http(s) URL.";
        }
    }

    private static IOptions<SampleOptions> Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var services = new ServiceCollection();
        services.AddValidatedOptions<SampleOptions>(configuration.GetSection("Sample"));
        return services.BuildServiceProvider().GetRequiredService<IOptions<SampleOptions>>();
    }

    [Fact]
    public void BadSettings_AreEachReportedInTheirOwnWords()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(("Sample:Limit", "0"), ("Sample:ApiBase", "ftp://x")).Value);

        Assert.Equal(["Sample:Limit must be positive.", "Sample:ApiBase must be an absolute http(s) URL."], error.Failures);
    }

    [Fact]
    public void GoodSettings_AreBound() => Assert.Equal(7, Resolve(("Sample:Limit", "7")).Value.Limit);
}
