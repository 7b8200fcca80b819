using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KamHub.IntegrationTests.Payments.Providers.Fakes;

/// <summary>
/// YooKassa API v3 as documented: JSON, basic auth shopId:secretKey, POSTs require Idempotence-Key (same key → the
/// first answer again), errors as {"type":"error","code","description"}, objects readable by GET for re-checks.
/// </summary>
public sealed class FakeYooKassa : IAsyncDisposable
{
    public const string ShopId = "506751";
    public const string SecretKey = "test_yookassa_secret";

    private readonly ConcurrentDictionary<string, (int Status, string Json)> replays = new();
    private readonly ConcurrentDictionary<string, JsonObject> payments = new();
    private readonly ConcurrentDictionary<string, JsonObject> refunds = new();

    private FakeYooKassa() { }

    public FakeProviderServer Server { get; private set; } = null!;

    public string RefundStatus { get; set; } = "succeeded";

    public int PaymentsCreated => payments.Count;

    public static async Task<FakeYooKassa> StartAsync()
    {
        var fake = new FakeYooKassa();
        fake.Server = await FakeProviderServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>What the payment looks like when KamHub fetches it (succeeded, canceled, pending...).</summary>
    public void SetStatus(string paymentId, string status, string? cancellationReason = null)
    {
        var payment = payments[paymentId];
        payment["status"] = status;
        payment["paid"] = status == "succeeded";
        if (cancellationReason is not null)
            payment["cancellation_details"] = new JsonObject { ["party"] = "payment_network", ["reason"] = cancellationReason };
    }

    /// <summary>What amount.value a re-fetch shows (null: no amount object at all), as a provider with a bug or a forged copy might.</summary>
    public void SetAmountValue(string paymentId, string? value)
    {
        var payment = payments[paymentId];
        if (value is null) payment.Remove("amount");
        else payment["amount"] = new JsonObject { ["value"] = value, ["currency"] = "RUB" };
    }

    private void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v3/payments", ctx => Write(ctx, ReplayOrCreate(ctx, CreatePayment)));
        routes.MapPost("/v3/refunds", ctx => Write(ctx, ReplayOrCreate(ctx, CreateRefund)));
        routes.MapGet("/v3/payments/{id}", (HttpContext ctx, string id) => Write(ctx, Get(ctx, payments, id)));
        routes.MapGet("/v3/refunds/{id}", (HttpContext ctx, string id) => Write(ctx, Get(ctx, refunds, id)));
    }

    private (int, string) ReplayOrCreate(HttpContext ctx, Func<JsonObject, (int, JsonNode)> create)
    {
        if (!Authorized(ctx)) return Error(401, "invalid_credentials", "Authentication by given credentials failed");
        var key = ctx.Request.Headers["Idempotence-Key"].ToString();
        if (key.Length == 0) return Error(400, "invalid_request", "Idempotence key is missing");
        var body = ReadBody(ctx);
        return replays.GetOrAdd(ctx.Request.Path + key, _ => body is null
            ? Error(400, "invalid_request", "Body is not JSON")
            : Serialize(create(body)));
    }

    private (int, JsonNode) CreatePayment(JsonObject body)
    {
        var value = body["amount"]?["value"]?.GetValue<string>();
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            return ErrorNode(400, "invalid_request", "amount.value is invalid", "amount.value");
        if (body["confirmation"]?["type"]?.GetValue<string>() != "redirect" || body["confirmation"]?["return_url"] is null)
            return ErrorNode(400, "invalid_request", "confirmation.return_url is required", "confirmation.return_url");
        var id = Guid.NewGuid().ToString();
        var payment = new JsonObject
        {
            ["id"] = id, ["status"] = "pending", ["paid"] = false, ["amount"] = body["amount"]!.DeepClone(),
            ["confirmation"] = new JsonObject { ["type"] = "redirect", ["confirmation_url"] = $"https://yoomoney.example/checkout?orderId={id}" },
            ["metadata"] = body["metadata"]?.DeepClone(), ["created_at"] = DateTimeOffset.UtcNow.ToString("O"), ["test"] = true,
        };
        payments[id] = payment;
        return (200, payment.DeepClone());
    }

    private (int, JsonNode) CreateRefund(JsonObject body)
    {
        var paymentId = body["payment_id"]?.GetValue<string>() ?? "";
        if (!payments.TryGetValue(paymentId, out var payment))
            return ErrorNode(400, "invalid_request", "payment_id is not a payment of this shop", "payment_id");
        var captured = decimal.Parse(payment["amount"]!["value"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var asked = decimal.Parse(body["amount"]!["value"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        if (asked > captured) return ErrorNode(400, "invalid_request", "Refund amount exceeds the payment", "amount.value");
        var id = Guid.NewGuid().ToString();
        var refund = new JsonObject
        {
            ["id"] = id, ["payment_id"] = paymentId, ["status"] = RefundStatus, ["amount"] = body["amount"]!.DeepClone(),
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O"), ["metadata"] = body["metadata"]?.DeepClone(),
        };
        refunds[id] = refund;
        return (200, refund.DeepClone());
    }

    private static (int, string) Get(HttpContext ctx, ConcurrentDictionary<string, JsonObject> store, string id)
    {
        if (!Authorized(ctx)) return Error(401, "invalid_credentials", "Authentication by given credentials failed");
        return store.TryGetValue(id, out var found) ? (200, found.ToJsonString()) : Error(404, "not_found", "Object not found");
    }

    private static bool Authorized(HttpContext ctx) =>
        ctx.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ShopId}:{SecretKey}"));

    private static JsonObject? ReadBody(HttpContext ctx)
    {
        try
        {
            using var reader = new StreamReader(ctx.Request.Body, leaveOpen: true);
            return JsonNode.Parse(reader.ReadToEndAsync().GetAwaiter().GetResult()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (int, JsonNode) ErrorNode(int status, string code, string description, string? parameter = null) =>
        (status, new JsonObject { ["type"] = "error", ["id"] = Guid.NewGuid().ToString(), ["code"] = code, ["description"] = description, ["parameter"] = parameter });

    private static (int, string) Error(int status, string code, string description) => Serialize(ErrorNode(status, code, description));

    private static (int, string) Serialize((int Status, JsonNode Body) answer) => (answer.Status, answer.Body.ToJsonString());

    private static async Task Write(HttpContext ctx, (int Status, string Json) answer)
    {
        ctx.Response.StatusCode = answer.Status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(answer.Json);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>A notification as YooKassa posts it: the event and a copy of the object at that moment.</summary>
    public static byte[] Notification(string eventName, string objectId, string claimedStatus) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "notification",
            @event = eventName,
            @object = new { id = objectId, status = claimedStatus, paid = claimedStatus == "succeeded", amount = new { value = "1.00", currency = "RUB" } },
        });
}
