using System.Net;
using KamHub.IntegrationTests.Discovery;

namespace KamHub.IntegrationTests.Booking;

internal static class BookingAssert
{
    /// <summary>A problem+json answer with <paramref name="status"/>, naming <paramref name="field"/> when given.</summary>
    public static Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null) =>
        DiscoveryApi.AssertProblemAsync(response, status, field);
}
