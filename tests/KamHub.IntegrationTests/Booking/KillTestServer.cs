using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

/// <summary>Starts the real kamhub process for the kill test and signs in to it as the demo users.</summary>
internal static class KillTestServer
{
    /// <summary>Holds outlive the test however slow the machine, so every held seat stays taken (no sweeper in the way).</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["KamHub__Seed__DemoPassword"] = KamHubFactory.DemoPassword,
        ["KamHub__Admin__Password"] = KamHubFactory.AdminPassword,
        ["KamHub__Booking__HoldMinutes"] = "1440",
        ["KamHub__Jwt__AccessTokenMinutes"] = "600",
    };

    public static Task<ServerProcess> StartAsync(TestDatabase database) => ServerProcess.StartAsync(database, Settings);

    /// <summary>Signs in as role@demo.kamhub.local; the first start may still be seeding the demo users, so it retries a while.</summary>
    public static async Task<HttpClient> SignInAsync(ServerProcess server, string role)
    {
        for (var attempt = 0; ; attempt++)
        {
            var client = server.Client();
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email = $"{role}@demo.kamhub.local", password = KamHubFactory.DemoPassword });
            if (response.IsSuccessStatusCode)
            {
                var token = (await response.JsonAsync()).GetProperty("accessToken").GetString();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return client;
            }

            client.Dispose();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized && attempt < 240, $"signing in as {role}: {response.StatusCode}\n{server.Output}");
            await Task.Delay(250);
        }
    }
}
