using System.Net;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Identity;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Cli;

/// <summary>`kamhub users reset-password`: the way back from a lost generated password.</summary>
public sealed class ResetPasswordCliTests : IDisposable
{
    private const string Tourist = "tourist@demo.kamhub.local";
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ResetPassword_FromTheEnvironment_OldPasswordAndSessionsStopWorking()
    {
        var client = _factory.CreateClient();
        var (_, refresh) = await (await client.LoginAsync(Tourist, KamHubFactory.DemoPassword)).TokensAsync();

        var result = await ProcessRunner.KamHubAsync(_factory.Database, new Dictionary<string, string> { ["KAMHUB_NEW_PASSWORD"] = "Brand-New-Password-7" },
            "users", "reset-password", Tourist);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("Brand-New-Password-7", result.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(Tourist, "Brand-New-Password-7")).StatusCode);
        IdentityApi.AssertProblem(await client.RefreshAsync(refresh), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().LoginAsync(Tourist, KamHubFactory.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_WithoutOne_PrintsAGeneratedPasswordThatSignsIn()
    {
        _factory.CreateClient(); // migrates and seeds

        var result = await ProcessRunner.KamHubAsync(_factory.Database, "users", "reset-password", Tourist);

        Assert.True(result.ExitCode == 0, result.Output);
        var printed = Regex.Match(result.Output, $"New password of {Tourist}: (\\S+) ");
        Assert.True(printed.Success, result.Output);
        var password = printed.Groups[1].Value;
        Assert.Equal(20, password.Length);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().LoginAsync(Tourist, password)).StatusCode);
    }

    [Theory]
    [InlineData("nobody@example.com", null, "No user with the email 'nobody@example.com'")]
    [InlineData(Tourist, "short", "must be at least 10 characters")]
    public async Task ResetPassword_UnknownUserOrWeakPassword_ExitsTwoAndChangesNothing(string email, string? password, string expected)
    {
        _factory.CreateClient();
        var env = password is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["KAMHUB_NEW_PASSWORD"] = password };

        var result = await ProcessRunner.KamHubAsync(_factory.Database, env, "users", "reset-password", email);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().LoginAsync(Tourist, KamHubFactory.DemoPassword)).StatusCode);
    }
}
