using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KamHub.Web.Api;

/// <summary>
/// The pages' API calls without a socket (docs/adr/0016-web-pages-with-razor-pages.md, update 3): each request is turned
/// into an <see cref="HttpContext"/> and run through this process's own pipeline, so it meets exactly the middleware
/// and endpoints an outside client meets (forwarded headers, correlation id, bearer authentication, rate limits,
/// problem answers), minus the loopback connection, Kestrel's parsing on both ends and the socket copies.
/// </summary>
/// <remarks>
/// The request runs on a flow of its own (as TestServer does): the framework's <see cref="IHttpContextAccessor"/> clears
/// the current context's holder when a new one is set, which would leave the page that made the call without its own.
/// The page's trace continues in it (its <see cref="Activity"/> is the parent); the correlation id travels as the
/// X-Correlation-ID header that Core's handler adds to every outgoing call, as it did over loopback.
/// </remarks>
internal sealed class InProcessApiHandler(AppPipeline pipeline, IHttpContextFactory contexts) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var parent = Activity.Current;
        Task<HttpResponseMessage> run;
        using (ExecutionContext.SuppressFlow())
            run = Task.Run(() => RunAsync(request, body, parent, cancellationToken), cancellationToken);
        return await run;
    }

    private async Task<HttpResponseMessage> RunAsync(HttpRequestMessage request, byte[] body, Activity? parent, CancellationToken ct)
    {
        Activity.Current = parent;
        var uri = request.RequestUri ?? throw new InvalidOperationException("An API call needs an address.");
        var features = new FeatureCollection();
        var requestFeature = new BufferedRequestFeature(body.Length > 0)
        {
            Protocol = "HTTP/1.1",
            Method = request.Method.Method,
            Scheme = uri.Scheme,
            PathBase = "",
            Path = PathString.FromUriComponent(uri).Value ?? "/",
            QueryString = uri.Query,
            RawTarget = uri.PathAndQuery,
            Body = new MemoryStream(body, writable: false),
        };
        Copy(request.Headers, requestFeature.Headers);
        if (request.Content is not null) Copy(request.Content.Headers, requestFeature.Headers);
        requestFeature.Headers.Host = uri.Authority;
        if (body.Length > 0) requestFeature.Headers.ContentLength = body.Length;
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpRequestBodyDetectionFeature>(requestFeature);

        var responseFeature = new BufferedResponseFeature();
        var responseBody = new MemoryStream();
        var bodyFeature = new StreamResponseBodyFeature(responseBody);
        features.Set<IHttpResponseFeature>(responseFeature);
        features.Set<IHttpResponseBodyFeature>(bodyFeature);
        // Loopback, as the call used to arrive: the API trusts X-Forwarded-For (the visitor's address) from loopback only.
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = "in-process", RemoteIpAddress = IPAddress.Loopback, LocalIpAddress = IPAddress.Loopback,
        });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = ct });

        var context = contexts.Create(features);
        try
        {
            await pipeline.App(context);
            await responseFeature.StartAsync();
            // What a server does at the end of a response: flush what was written through the body's pipe.
            await bodyFeature.CompleteAsync();
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // What Kestrel answers when an exception escapes the whole pipeline (the exception handler itself failed).
            responseFeature.StatusCode = StatusCodes.Status500InternalServerError;
            responseFeature.Headers.Clear();
            responseBody.SetLength(0);
        }
        finally
        {
            await responseFeature.CompleteAsync();
            contexts.Dispose(context);
        }

        return Answer(request, responseFeature, responseBody.ToArray());
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, BufferedResponseFeature feature, byte[] body)
    {
        var response = new HttpResponseMessage((HttpStatusCode)feature.StatusCode) { RequestMessage = request, Content = new ByteArrayContent(body) };
        foreach (var (name, values) in feature.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                response.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        return response;
    }

    private static void Copy(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from) to.Append(name, values.ToArray());
    }

    private sealed class BufferedRequestFeature(bool hasBody) : HttpRequestFeature, IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => hasBody;
    }

    /// <summary>The answer is read only when the pipeline is done, so "starting" callbacks run then, before it is read.</summary>
    private sealed class BufferedResponseFeature : HttpResponseFeature
    {
        private readonly Stack<(Func<object, Task> Callback, object State)> _starting = new();
        private readonly Stack<(Func<object, Task> Callback, object State)> _completed = new();

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Push((callback, state));

        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Push((callback, state));

        public async Task StartAsync()
        {
            while (_starting.TryPop(out var c)) await c.Callback(c.State);
        }

        public async Task CompleteAsync()
        {
            while (_completed.TryPop(out var c)) await c.Callback(c.State);
        }
    }
}
