using System.Net;
using System.Text.Json;

namespace KamHub.IntegrationTests.Booking;

/// <summary>One booking request a client means to make: its Idempotency-Key and body stay the same on a retry.</summary>
internal sealed record KillTestAttempt(string Key, Guid DepartureId, int Adults)
{
    public object Body => BookingApi.BookingBody(DepartureId, Adults);
}

internal enum KillTestOutcome
{
    /// <summary>Never sent: the server was already killed when its turn came.</summary>
    NotSent,
    Created,
    SoldOut,

    /// <summary>Sent, but the connection died with the server: the client cannot know whether it was booked.</summary>
    NoAnswer,
}

/// <summary>What one attempt got; <see cref="Booking"/> is the 201 body.</summary>
internal sealed record KillTestResult(KillTestAttempt Attempt, KillTestOutcome Outcome, JsonElement? Booking = null);

/// <summary>
/// Fires booking attempts with a bounded number in flight, as many shop fronts would, until told the server is gone.
/// Every answer other than 201 or 409 fails the test: under load and before the kill the server must not error.
/// </summary>
internal sealed class KillTestLoad(HttpClient tourist, int concurrency)
{
    private int _answered;
    private volatile bool _killed;

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Stop sending: requests already in flight end when the connection dies.</summary>
    public void ServerKilled() => _killed = true;

    public async Task<List<KillTestResult>> RunAsync(IReadOnlyList<KillTestAttempt> attempts)
    {
        using var slots = new SemaphoreSlim(concurrency);
        return (await Task.WhenAll(attempts.Select(async attempt =>
        {
            await slots.WaitAsync();
            try
            {
                return _killed ? new KillTestResult(attempt, KillTestOutcome.NotSent) : await SendAsync(attempt);
            }
            finally
            {
                slots.Release();
            }
        }))).ToList();
    }

    private async Task<KillTestResult> SendAsync(KillTestAttempt attempt)
    {
        HttpResponseMessage response;
        string text;
        try
        {
            response = await tourist.BookAsync(attempt.Body, attempt.Key);
            text = await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (_killed && ex is HttpRequestException or IOException or TaskCanceledException)
        {
            return new KillTestResult(attempt, KillTestOutcome.NoAnswer);
        }

        Interlocked.Increment(ref _answered);
        return response.StatusCode switch
        {
            HttpStatusCode.Created => new KillTestResult(attempt, KillTestOutcome.Created, JsonDocument.Parse(text).RootElement.Clone()),
            HttpStatusCode.Conflict => new KillTestResult(attempt, KillTestOutcome.SoldOut),
            _ => throw new InvalidOperationException($"booking {attempt.Key} answered {(int)response.StatusCode}: {text}"),
        };
    }
}
