using System.Net;
using System.Net.Http.Json;
using System.Text;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Identity;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>
/// Text that one database would refuse (NUL) and the other would store, and control characters no field needs,
/// are refused the same way on both providers: 400 naming the field.
/// </summary>
public sealed class TextInputTests : IClassFixture<TextInputTests.Fixture>
{
    private readonly Fixture _fx;

    public TextInputTests(Fixture fx) => _fx = fx;

    public sealed class Fixture : IAsyncLifetime
    {
        public KamHubFactory Factory { get; } = new();

        public Guid Departure { get; private set; }

        public async Task InitializeAsync() => Departure = await Factory.DepartureAsync();

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private Task<HttpResponseMessage> BookRawAsync(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return _fx.Factory.Tourist().SendAsync(request);
    }

    private string Booking(string name = "Guest", string phone = "+79000000000", string email = "guest@example.com") =>
        $$$"""{"departureId":"{{{_fx.Departure}}}","adults":1,"children":0,"participants":[{"name":"{{{name}}}"}],"contact":{"email":"{{{email}}}","phone":"{{{phone}}}"}}""";

    [Theory]
    [InlineData("+7900\\u00000000000")]
    [InlineData("+79000000000\\u0000")]
    [InlineData("+7900\\u00070000000")]
    [InlineData("+7900\\ud8000000000")]
    public async Task CreateBooking_WithUnstorableOrControlCharactersInThePhone_Answers400NamingIt(string phone)
    {
        await InputProblems.AssertAsync(await BookRawAsync(Booking(phone: phone)), HttpStatusCode.BadRequest, "contact.phone");
    }

    [Theory]
    [InlineData("Ann\\u0000")]
    [InlineData("Ann\\u001b[31m")]
    [InlineData("Ann\\u0085")]
    [InlineData("Ann\\r\\nBcc: x")]
    public async Task CreateBooking_WithControlCharactersInAParticipantName_Answers400NamingIt(string name)
    {
        await InputProblems.AssertAsync(await BookRawAsync(Booking(name: name)), HttpStatusCode.BadRequest, "participants[0].name");
    }

    [Theory]
    [InlineData("call me")]
    [InlineData("89000000000")]
    [InlineData("+7")]
    [InlineData("+7 900 000 00 00 00 00 00")]
    [InlineData("+7 900 abc")]
    public async Task CreateBooking_WithAPhoneThatIsNoInternationalNumber_Answers400NamingIt(string phone)
    {
        await InputProblems.AssertAsync(await BookRawAsync(Booking(phone: phone)), HttpStatusCode.BadRequest, "contact.phone");
    }

    [Fact]
    public async Task CreateBooking_WithAPhoneAsPeopleTypeIt_StoresItAsE164()
    {
        var response = await BookRawAsync(Booking(phone: "+7 (900) 123-45-67"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("+79001234567", (await response.JsonAsync()).GetProperty("contact").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task CreateBooking_WithRtlAndEmojiInAName_IsAccepted()
    {
        var response = await BookRawAsync(Booking(name: "\u202Eأحمد 🐻‍❄️"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateTour_WithLineBreaksInTheDescription_IsAccepted()
    {
        var body = KamHub.IntegrationTests.Discovery.DiscoveryApi.TourBody(change: b => b["description"] = new { ru = "Первая строка.\r\nВторая\tстрока.", en = "Line one.\nLine two." });

        var response = await _fx.Factory.Operator().PostAsJsonAsync("/api/tours", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Register_WithABellInTheDisplayName_Answers400NamingIt()
    {
        var json = $$"""{"email":"{{IdentityApi.NewEmail()}}","password":"{{IdentityApi.Password}}","displayName":"Ann\u0007"}""";

        var response = await _fx.Factory.CreateClient().PostAsync("/api/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));

        await InputProblems.AssertAsync(response, HttpStatusCode.BadRequest, "displayName");
    }

    [Theory]
    [InlineData("""{"email":"a@example.com","email":"b@example.com","password":"x"}""", "email")]
    [InlineData("""{"email":"a@example.com","password":"x","password":"y"}""", "password")]
    public async Task Login_WithADuplicateKey_Answers400NamingIt(string json, string key)
    {
        var response = await _fx.Factory.CreateClient().PostAsync("/api/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        await InputProblems.AssertAsync(response, HttpStatusCode.BadRequest, key);
    }

    [Fact]
    public async Task CreateBooking_WithADuplicateNestedKey_Answers400NamingIt()
    {
        var json = Booking().Replace("\"phone\":", "\"email\":\"c@example.com\",\"phone\":", StringComparison.Ordinal);

        await InputProblems.AssertAsync(await BookRawAsync(json), HttpStatusCode.BadRequest, "contact.email");
    }
}
