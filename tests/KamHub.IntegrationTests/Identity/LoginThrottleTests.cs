using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

public sealed class LoginThrottleTests : IDisposable
{
    private const string WrongPassword = "Wrong-Password-123";

    private readonly ClockedKamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Login_WhenThisClientHadTooManyFailures_Returns429WithRetryAfterEvenForRightPassword()
    {
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();
        (await client.RegisterAsync(email)).EnsureSuccessStatusCode();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(email, WrongPassword)).StatusCode);

        var response = await client.LoginAsync(email);

        IdentityApi.AssertProblem(response, HttpStatusCode.TooManyRequests);
        // Five free failures, then the first wait (default 30 s) after the latest; the clock stood still.
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        // Other accounts are not held back by it.
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Login_WhenAnotherAddressKeepsFailingOnTheAccount_TheOwnerFromTheirAddressSignsIn()
    {
        var email = IdentityApi.NewEmail();
        (await _factory.CreateClient().RegisterAsync(email)).EnsureSuccessStatusCode();
        var attacker = From(_factory.CreateClient(), "203.0.113.7");
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.LoginAsync(email, WrongPassword)).StatusCode);
        IdentityApi.AssertProblem(await attacker.LoginAsync(email, WrongPassword), HttpStatusCode.TooManyRequests);
        IdentityApi.AssertProblem(await attacker.LoginAsync(email), HttpStatusCode.TooManyRequests);

        var owner = From(_factory.CreateClient(), "198.51.100.20");

        Assert.Equal(HttpStatusCode.OK, (await owner.LoginAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Login_AfterEveryFurtherFailure_TheClientsWaitDoublesUpToTheMaximum()
    {
        _factory.With("KamHub:Identity:FreeFailuresPerClient", "2").With("KamHub:Identity:FirstDelay", "00:00:10").With("KamHub:Identity:MaxDelay", "00:00:40");
        var client = _factory.CreateClient();
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(KamHubFactory.AdminEmail, WrongPassword)).StatusCode);

        foreach (var wait in new[] { 10, 20, 40, 40 })
        {
            var refused = await client.LoginAsync(KamHubFactory.AdminEmail, WrongPassword);
            IdentityApi.AssertProblem(refused, HttpStatusCode.TooManyRequests);
            Assert.Equal(TimeSpan.FromSeconds(wait), refused.Headers.RetryAfter?.Delta);

            _factory.Clock.Advance(TimeSpan.FromSeconds(wait));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(KamHubFactory.AdminEmail, WrongPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task Login_WhenTheAccountCeilingIsReached_AddressesThatFailedOnItWaitAndCleanOnesAreStillChecked()
    {
        _factory.With("KamHub:Identity:MaxFailuresPerAccount", "3");
        var email = IdentityApi.NewEmail();
        (await _factory.CreateClient().RegisterAsync(email)).EnsureSuccessStatusCode();
        var guessers = Enumerable.Range(1, 3).Select(i => From(_factory.CreateClient(), $"203.0.113.{i}")).ToList();
        foreach (var guesser in guessers) Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.LoginAsync(email, WrongPassword)).StatusCode);

        // A distributed guesser is down to one guess per address per window: a second one from any of them waits.
        var again = await guessers[0].LoginAsync(email, WrongPassword);
        IdentityApi.AssertProblem(again, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromMinutes(15), again.Headers.RetryAfter?.Delta);

        Assert.Equal(HttpStatusCode.Unauthorized, (await From(_factory.CreateClient(), "203.0.113.50").LoginAsync(email, WrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await From(_factory.CreateClient(), "198.51.100.20").LoginAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Login_WhenAddressHadTooManyFailuresAcrossAccounts_Returns429()
    {
        _factory.With("KamHub:Identity:MaxFailuresPerIp", "3");
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(IdentityApi.NewEmail(), WrongPassword)).StatusCode);

        var response = await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);

        IdentityApi.AssertProblem(response, HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Login_WhenTheClientWaitsAndItsFailuresAgeOutFirst_RetryAfterIsWhenTheyDo()
    {
        _factory.With("KamHub:Identity:FreeFailuresPerClient", "2").With("KamHub:Identity:FirstDelay", "01:00:00").With("KamHub:Identity:MaxDelay", "01:00:00")
            .With("KamHub:Identity:FailureWindow", "00:10:00");
        var client = _factory.CreateClient();
        await client.LoginAsync(KamHubFactory.AdminEmail, WrongPassword);
        _factory.Clock.Advance(TimeSpan.FromMinutes(4));
        await client.LoginAsync(KamHubFactory.AdminEmail, WrongPassword);

        var refused = await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        IdentityApi.AssertProblem(refused, HttpStatusCode.TooManyRequests);
        // The first failure ages out of the window (10 - 4 minutes from now) before the hour's wait is over.
        Assert.Equal(TimeSpan.FromMinutes(6), refused.Headers.RetryAfter?.Delta);

        _factory.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Login_WhenFailuresWereSpreadOverTwoInstancesOnOneDatabase_BothInstancesLockTheAccount()
    {
        using var second = new ClockedKamHubFactory().SharingDatabaseOf(_factory);
        var first = _factory.CreateClient();
        var other = second.CreateClient();
        var email = IdentityApi.NewEmail();
        (await first.RegisterAsync(email)).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await first.LoginAsync(email, WrongPassword)).StatusCode);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await other.LoginAsync(email, WrongPassword)).StatusCode);

        IdentityApi.AssertProblem(await first.LoginAsync(email), HttpStatusCode.TooManyRequests);
        IdentityApi.AssertProblem(await other.LoginAsync(email), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_WhenFailuresAreOlderThanTheWindow_TheirRowsAreDeletedOnTheNextFailure()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++) await client.LoginAsync(IdentityApi.NewEmail(), WrongPassword);
        Assert.Equal(9, await CountFailureRowsAsync());

        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await client.LoginAsync(IdentityApi.NewEmail(), WrongPassword);

        // Only the new failure's three rows (its account, its address and the pair) remain.
        Assert.Equal(3, await CountFailureRowsAsync());
    }

    [Fact]
    public async Task Login_WhenSuccessfulAfterFailures_StartsTheClientsCountAfresh()
    {
        _factory.With("KamHub:Identity:FreeFailuresPerClient", "3");
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();
        (await client.RegisterAsync(email)).EnsureSuccessStatusCode();
        for (var i = 0; i < 2; i++) await client.LoginAsync(email, WrongPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);

        // Four failures in the window, but only two since the successful sign-in.
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(email, WrongPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Login_WhenAnotherAddressReachedItsLimit_ThisAddressStillSignsIn()
    {
        _factory.With("KamHub:Identity:MaxFailuresPerIp", "2");
        var attacker = From(_factory.CreateClient(), "203.0.113.7");
        for (var i = 0; i < 2; i++) await attacker.LoginAsync(IdentityApi.NewEmail(), WrongPassword);
        IdentityApi.AssertProblem(await attacker.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword), HttpStatusCode.TooManyRequests);

        var neighbour = From(_factory.CreateClient(), "203.0.113.8");

        Assert.Equal(HttpStatusCode.OK, (await neighbour.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Login_WhenFailuresComeFromManyAddressesOfOneIpv6Slash64_TheyCountAsOneClient()
    {
        _factory.With("KamHub:Identity:MaxFailuresPerIp", "2");
        await From(_factory.CreateClient(), "2001:db8:5:6::1").LoginAsync(IdentityApi.NewEmail(), WrongPassword);
        await From(_factory.CreateClient(), "2001:db8:5:6:abcd::2").LoginAsync(IdentityApi.NewEmail(), WrongPassword);

        var sameNetwork = await From(_factory.CreateClient(), "2001:db8:5:6:ffff::3").LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        var otherNetwork = await From(_factory.CreateClient(), "2001:db8:5:7::1").LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);

        IdentityApi.AssertProblem(sameNetwork, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task Login_WhenManyWrongPasswordsArriveAtOnce_AtMostTheLimitAreChecked()
    {
        var email = IdentityApi.NewEmail();
        (await _factory.CreateClient().RegisterAsync(email)).EnsureSuccessStatusCode();

        // 40 guesses in flight together: a check-then-record throttle lets nearly all of them reach the password, and
        // a record-then-check one without serialization may refuse them all (each sees the others' reservations).
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _factory.CreateClient().LoginAsync(email, WrongPassword)));

        var checkedPasswords = responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized);
        Assert.Equal(5, checkedPasswords);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        // Refused attempts left no rows behind: only the checked ones count, three times each (account, address, pair).
        Assert.Equal(checkedPasswords * 3, await CountFailureRowsAsync());
    }

    private static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    private Task<long> CountFailureRowsAsync() =>
        IdentityTables.ScalarAsync<Program, long>(_factory, "login_failures", "SELECT COUNT(*) AS \"Value\" FROM {table}");
}
