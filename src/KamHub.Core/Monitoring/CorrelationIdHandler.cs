using KamHub.Core.Events;

namespace KamHub.Core.Monitoring;

/// <summary>
/// On every outgoing HTTP call (added to all clients through ConfigureHttpClientDefaults): the correlation id of the
/// request or event this work belongs to, so a provider's logs and support tickets can be matched to ours. The W3C
/// trace context (traceparent) is sent by HttpClient's own instrumentation beside it.
/// </summary>
internal sealed class CorrelationIdHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains(CorrelationIdMiddleware.HeaderName) && Ambient() is { } id)
            request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.HeaderName, id);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The HTTP request's id, else the id of the event being handled; none for work that belongs to neither.</summary>
    internal static string? Ambient() => CorrelationIdMiddleware.Current ?? EventHandlingScope.Current?.CorrelationId;
}
