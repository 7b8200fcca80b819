using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>/api/me/devices: a user's own push device tokens.</summary>
/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class DeviceTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    internal const string Url = "/api/me/devices";
    private readonly NotificationsFactory _factory = factory;

    [Fact]
    public async Task RegisterDevice_ThenList_AnswersTheActiveDevice()
    {
        var client = _factory.ClientAs("Tourist", userId: Guid.NewGuid());

        var response = await client.PostAsJsonAsync(Url, new { platform = "fcm", token = "fcm-token:abc_123" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Equal($"{Url}/{created.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        var device = Assert.Single((await client.GetJsonAsync(Url)).EnumerateArray());
        Assert.Equal(("fcm", "fcm-token:abc_123", true), (device.GetProperty("platform").GetString(), device.GetProperty("token").GetString(),
            device.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task RegisterDevice_WhenTheSameTokenComesAgain_Answers200WithTheSameDevice()
    {
        var client = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var first = await (await client.PostAsJsonAsync(Url, new { platform = "apns", token = "a1b2c3d4" })).JsonAsync();

        var again = await client.PostAsJsonAsync(Url, new { platform = "apns", token = "a1b2c3d4" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("id").GetGuid(), (await again.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Single((await client.GetJsonAsync(Url)).EnumerateArray());
    }

    [Fact]
    public async Task ListDevices_ShowsOnlyMyOwn()
    {
        var mine = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var theirs = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        await theirs.PostAsJsonAsync(Url, new { platform = "fcm", token = "their-token" });

        Assert.Empty((await mine.GetJsonAsync(Url)).EnumerateArray());
    }

    [Fact]
    public async Task RegisterDevice_WhenAnotherAccountHadTheToken_MovesItToTheNewAccount()
    {
        var before = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var after = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        await RegisterAsync(before, "fcm", "shared-phone-token");

        await RegisterAsync(after, "fcm", "shared-phone-token");

        Assert.Empty((await before.GetJsonAsync(Url)).EnumerateArray());
        Assert.Single((await after.GetJsonAsync(Url)).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"token":"abc"}""", "platform")]
    [InlineData("""{"platform":"gcm","token":"abc"}""", "platform")]
    [InlineData("""{"platform":"fcm"}""", "token")]
    [InlineData("""{"platform":"fcm","token":"has space"}""", "token")]
    [InlineData("""{"platform":"apns","token":"not-hex"}""", "token")]
    public async Task RegisterDevice_WhenAFieldIsInvalid_Answers400ProblemNamingIt(string json, string field)
    {
        var response = await _factory.ClientAs("Tourist", userId: Guid.NewGuid()).PostAsync(Url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [Fact]
    public async Task RegisterDevice_WhenTheTokenIsLongerThanTheLimit_Answers400()
    {
        var response = await _factory.ClientAs("Tourist", userId: Guid.NewGuid()).PostAsJsonAsync(Url, new { platform = "fcm", token = new string('x', 321) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RemoveDevice_WhenMine_Answers204AndItIsGone()
    {
        var client = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var id = (await (await client.PostAsJsonAsync(Url, new { platform = "fcm", token = "to-remove" })).JsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Url}/{id}")).StatusCode);
        Assert.Empty((await client.GetJsonAsync(Url)).EnumerateArray());
    }

    [Fact]
    public async Task RemoveDevice_WhenSomeoneElses_Answers404ProblemAndKeepsIt()
    {
        var owner = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var id = (await (await owner.PostAsJsonAsync(Url, new { platform = "fcm", token = "keep-me" })).JsonAsync()).GetProperty("id").GetGuid();

        var response = await _factory.ClientAs("Tourist", userId: Guid.NewGuid()).DeleteAsync($"{Url}/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single((await owner.GetJsonAsync(Url)).EnumerateArray());
    }

    [Fact]
    public async Task Devices_WhenNotSignedIn_Answer401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().PostAsJsonAsync(Url, new { platform = "fcm", token = "x" })).StatusCode);
    }

    internal static async Task<JsonElement> RegisterAsync(HttpClient client, string platform, string token)
    {
        var response = await client.PostAsJsonAsync(Url, new { platform, token });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}
