using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KamHub.IntegrationTests.Payments.Providers.Fakes;

/// <summary>
/// Stripe's REST API as documented: form-encoded POSTs under /v1, bearer secret key, Idempotency-Key replays the first
/// answer, errors as {"error":{type,code,message}} with a 4xx status.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_kamhub";
    public const string WebhookSecret = "whsec_kamhub_test_secret";

    private readonly ConcurrentDictionary<string, (int Status, string Json)> replays = new();
    private readonly ConcurrentDictionary<string, long> intents = new();
    private readonly ConcurrentDictionary<string, Dictionary<string, object?>> intentObjects = new();
    private int created;

    private FakeStripe() { }

    public FakeProviderServer Server { get; private set; } = null!;

    /// <summary>Status the next refunds get: succeeded, pending, failed.</summary>
    public string RefundStatus { get; set; } = "succeeded";

    /// <summary>Objects actually created (idempotent replays do not count).</summary>
    public int ObjectsCreated => created;

    public static async Task<FakeStripe> StartAsync()
    {
        var fake = new FakeStripe();
        fake.Server = await FakeProviderServer.StartAsync(fake.Map);
        return fake;
    }

    private void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/payment_intents", ctx => Handle(ctx, CreateIntent));
        routes.MapPost("/v1/refunds", ctx => Handle(ctx, CreateRefund));
        routes.MapGet("/v1/payment_intents/{id}", async (HttpContext ctx, string id) =>
        {
            if (ctx.Request.Headers.Authorization != $"Bearer {SecretKey}") await Write(ctx, 401, Error("invalid_request_error", null, "Invalid API Key provided"));
            else if (intentObjects.TryGetValue(id, out var intent)) await Write(ctx, 200, intent);
            else await Write(ctx, 404, Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'"));
        });
    }

    /// <summary>What the PaymentIntent says when read back: the customer paid (succeeded), gave up (canceled), and so on.</summary>
    public void SetIntentStatus(string id, string status, long? amountReceived = null)
    {
        var intent = intentObjects[id];
        intent["status"] = status;
        intent["amount_received"] = status == "succeeded" ? amountReceived ?? intent["amount"] : 0L;
        if (status == "canceled") intent["cancellation_reason"] = "abandoned";
    }

    private async Task Handle(HttpContext ctx, Func<IFormCollection, (int, object)> create)
    {
        if (ctx.Request.Headers.Authorization != $"Bearer {SecretKey}")
        {
            await Write(ctx, 401, Error("invalid_request_error", null, "Invalid API Key provided"));
            return;
        }
        var form = await ctx.Request.ReadFormAsync();
        var key = ctx.Request.Headers["Idempotency-Key"].ToString();
        var (status, json) = key.Length > 0
            ? replays.GetOrAdd(ctx.Request.Path + key, _ => Serialize(create(form)))
            : Serialize(create(form));
        await Write(ctx, status, json);
    }

    private (int, object) CreateIntent(IFormCollection form)
    {
        if (!long.TryParse(form["amount"], out var amount) || amount < 50)
            return (400, Error("invalid_request_error", "amount_too_small", "Amount must be at least 50"));
        var id = $"pi_{Guid.NewGuid():N}";
        intents[id] = amount;
        Interlocked.Increment(ref created);
        var intent = new Dictionary<string, object?>
        {
            ["id"] = id, ["object"] = "payment_intent", ["amount"] = amount, ["amount_received"] = 0L, ["currency"] = form["currency"].ToString(),
            ["status"] = "requires_payment_method", ["client_secret"] = $"{id}_secret_test", ["metadata"] = Metadata(form),
        };
        intentObjects[id] = intent;
        return (200, new Dictionary<string, object?>(intent));
    }

    private (int, object) CreateRefund(IFormCollection form)
    {
        var intent = form["payment_intent"].ToString();
        if (!intents.TryGetValue(intent, out var captured))
            return (400, Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{intent}'"));
        var amount = long.TryParse(form["amount"], out var a) ? a : captured;
        if (amount > captured)
            return (400, Error("invalid_request_error", "amount_too_large", "Refund amount is greater than the charge"));
        Interlocked.Increment(ref created);
        return (200, new Dictionary<string, object?>
        {
            ["id"] = $"re_{Guid.NewGuid():N}", ["object"] = "refund", ["amount"] = amount, ["currency"] = "rub",
            ["payment_intent"] = intent, ["status"] = RefundStatus, ["metadata"] = Metadata(form),
        });
    }

    private static Dictionary<string, string> Metadata(IFormCollection form) =>
        form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
            .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value.ToString());

    private static object Error(string type, string? code, string message) =>
        new { error = new { type, code, message } };

    private static (int, string) Serialize((int Status, object Body) answer) => (answer.Status, JsonSerializer.Serialize(answer.Body));

    private static async Task Write(HttpContext ctx, int status, object body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body as string ?? JsonSerializer.Serialize(body));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
