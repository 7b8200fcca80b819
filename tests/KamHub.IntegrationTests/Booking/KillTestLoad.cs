using System.Net;
using System.Text.Json;

namespace KamHub.IntegrationTests.Booking;

/// <summary>
/// One booking request a client means to make: its Idempotency-Key and body stay the same on a retry. With
/// <paramref name="Pay"/> the client pays on the sandbox page right after the 201 (when the answer carries a payment).
/// </summary>
internal sealed record KillTestAttempt(string Key, Guid DepartureId, int Adults, bool Pay)
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

internal enum KillTestPayment
{
    NotTried,

    /// <summary>The sandbox answered 200: the provider says the money was taken, so the booking must end up confirmed.</summary>
    Paid,

    /// <summary>No answer (killed) or the sandbox could not get its webhook accepted in time: either way is allowed.</summary>
    Unknown,
}

/// <summary>What one attempt got; <see cref="Booking"/> is the 201 body.</summary>
internal sealed record KillTestResult(KillTestAttempt Attempt, KillTestOutcome Outcome, JsonElement? Booking = null, KillTestPayment Payment = KillTestPayment.NotTried);

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
        if (response.StatusCode == HttpStatusCode.Conflict) return new KillTestResult(attempt, KillTestOutcome.SoldOut);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"booking {attempt.Key} answered {(int)response.StatusCode}: {text}");

        var booking = JsonDocument.Parse(text).RootElement.Clone();
        var payment = booking.TryGetProperty("payment", out var started) && started.ValueKind == JsonValueKind.Object ? started.GetProperty("id").GetString() : null;
        return new KillTestResult(attempt, KillTestOutcome.Created, booking,
            attempt.Pay && payment is not null ? await PayAsync(attempt, payment) : KillTestPayment.NotTried);
    }

    /// <summary>The "pay" button of the sandbox page, as scripts call it (issue 4): the sandbox sends its signed webhook and waits.</summary>
    private async Task<KillTestPayment> PayAsync(KillTestAttempt attempt, string paymentId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/pay/sandbox/{paymentId}/pay");
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            using var response = await tourist.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK) return KillTestPayment.Paid;
            if (response.StatusCode == HttpStatusCode.BadGateway) return KillTestPayment.Unknown;
            throw new InvalidOperationException($"paying {attempt.Key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception ex) when (_killed && ex is HttpRequestException or IOException or TaskCanceledException)
        {
            return KillTestPayment.Unknown;
        }
    }
}
