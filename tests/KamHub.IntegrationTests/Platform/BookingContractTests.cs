using System.Net;
using System.Text;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>The booking request's seats are adults plus children; a "seats" field is not part of the contract.</summary>
public sealed class BookingContractTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateBooking_WithASeatsField_Answers400NamingIt()
    {
        var departure = await _factory.DepartureAsync();
        var json = $$$"""{"departureId":"{{{departure}}}","adults":1,"children":0,"seats":5,"participants":[{"name":"A"}],"contact":{"email":"a@example.com"}}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await _factory.Tourist().SendAsync(request);

        await InputProblems.AssertAsync(response, HttpStatusCode.BadRequest, "seats");
    }

    [Fact]
    public async Task OpenApi_TheBookingRequestSchema_HasNoSeats()
    {
        var document = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateBookingRequest").GetProperty("properties");

        Assert.True(schema.TryGetProperty("adults", out _), schema.ToString());
        Assert.False(schema.TryGetProperty("seats", out _), schema.ToString());
    }

    /// <summary>A retry that spans an upgrade must still match its booking: the stored request hash keeps its format.</summary>
    [Fact]
    public async Task CreateBooking_StoresTheRequestHashInTheFormatEarlierVersionsUsed()
    {
        var departure = await _factory.DepartureAsync();
        var response = await _factory.Tourist().BookAsync(new { departureId = departure, adults = 1, children = 0, participants = new[] { new { name = "A" } }, contact = new { email = "a@example.com" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetGuid();

        var stored = await ModuleTables.ScalarAsync<Program, string>(_factory, "Booking", "bookings", "SELECT request_hash AS \"Value\" FROM {table} WHERE id = {0}", id);

        var canonical = $$$"""{"departureId":"{{{departure}}}","adults":1,"children":0,"participants":[{"name":"A"}],"contact":{"email":"a@example.com","phone":null},"seats":1}""";
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), stored);
    }
}
