using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KamHub.IntegrationTests.Payments.Providers.Fakes;

/// <summary>
/// CloudPayments' API as documented: POST with JSON, basic auth PublicId:ApiSecret, X-Request-ID replays the first
/// answer, and every answer an envelope {"Success","Message","Model"} — business errors arrive as HTTP 200 with Success=false.
/// </summary>
public sealed class FakeCloudPayments : IAsyncDisposable
{
    public const string PublicId = "pk_kamhub_test";
    public const string ApiSecret = "cloudpayments_api_secret";

    private readonly ConcurrentDictionary<string, string> replays = new();
    private readonly ConcurrentDictionary<string, JsonObject> orders = new();
    private readonly ConcurrentDictionary<string, long> paidInvoices = new();
    private readonly ConcurrentDictionary<string, decimal> paidAmounts = new();
    private long nextTransaction = 1000;

    private FakeCloudPayments() { }

    public FakeProviderServer Server { get; private set; } = null!;

    public int OrdersCreated => orders.Count;

    public static async Task<FakeCloudPayments> StartAsync()
    {
        var fake = new FakeCloudPayments();
        fake.Server = await FakeProviderServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>The customer paid the invoice on CloudPayments' page: returns the payment's transaction number.</summary>
    public long Pay(Guid invoiceId) => paidInvoices.GetOrAdd(invoiceId.ToString(), _ => Interlocked.Increment(ref nextTransaction));

    /// <summary>Paid <paramref name="amount"/> (major units): what payments/find then reports for the invoice.</summary>
    public long Pay(Guid invoiceId, decimal amount)
    {
        paidAmounts[invoiceId.ToString()] = amount;
        return Pay(invoiceId);
    }

    private void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/orders/create", ctx => Handle(ctx, CreateOrder));
        routes.MapPost("/payments/refund", ctx => Handle(ctx, Refund));
        routes.MapPost("/payments/find", ctx => Handle(ctx, Find));
    }

    private async Task Handle(HttpContext ctx, Func<JsonObject, JsonObject> operation)
    {
        if (ctx.Request.Headers.Authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PublicId}:{ApiSecret}")))
        {
            ctx.Response.StatusCode = 401;
            return;
        }
        using var reader = new StreamReader(ctx.Request.Body, leaveOpen: true);
        var body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
        var key = ctx.Request.Headers["X-Request-ID"].ToString();
        var answer = key.Length > 0
            ? replays.GetOrAdd(ctx.Request.Path + key, _ => operation(body).ToJsonString())
            : operation(body).ToJsonString();
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(answer);
    }

    private JsonObject CreateOrder(JsonObject body)
    {
        var amount = body["Amount"]?.GetValue<decimal>() ?? 0;
        if (amount <= 0) return Failure("Amount is required");
        if (string.IsNullOrEmpty(body["Description"]?.GetValue<string>())) return Failure("Description is required");
        var id = Guid.NewGuid().ToString("N")[..16];
        var order = new JsonObject
        {
            ["Id"] = id, ["Number"] = orders.Count + 1, ["Amount"] = amount, ["Currency"] = body["Currency"]?.DeepClone(),
            ["Description"] = body["Description"]?.DeepClone(), ["Url"] = $"https://orders.cloudpayments.example/d/{id}",
        };
        orders[id] = order;
        return Success(order.DeepClone());
    }

    private JsonObject Refund(JsonObject body)
    {
        var transaction = body["TransactionId"]?.GetValue<long>() ?? 0;
        if (!paidInvoices.Values.Contains(transaction)) return Failure("Transaction not found");
        return Success(new JsonObject { ["TransactionId"] = Interlocked.Increment(ref nextTransaction) });
    }

    private JsonObject Find(JsonObject body)
    {
        var invoice = body["InvoiceId"]?.GetValue<string>() ?? "";
        return paidInvoices.TryGetValue(invoice, out var transaction)
            ? Success(new JsonObject
            {
                ["TransactionId"] = transaction, ["InvoiceId"] = invoice, ["Status"] = "Completed", ["StatusCode"] = 3,
                ["Amount"] = paidAmounts.TryGetValue(invoice, out var amount) ? amount : null, ["Currency"] = "RUB",
            })
            : Failure("Not found");
    }

    private static JsonObject Success(JsonNode model) => new() { ["Model"] = model, ["Success"] = true, ["Message"] = null };

    private static JsonObject Failure(string message) => new() { ["Success"] = false, ["Message"] = message };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Notifications as CloudPayments posts them: form-encoded fields, signed with Content-HMAC and X-Content-HMAC.</summary>
public static class CloudPaymentsNotifications
{
    public static string Check(Guid invoiceId, long transactionId, string amount, string currency = "RUB") => Form(Card(transactionId, amount, currency, invoiceId), new()
    {
        ["Status"] = "Completed", ["OperationType"] = "Payment",
    });

    public static string Pay(Guid invoiceId, long transactionId, string amount, string currency = "RUB") => Form(Card(transactionId, amount, currency, invoiceId), new()
    {
        ["Status"] = "Completed", ["OperationType"] = "Payment", ["GatewayName"] = "Test", ["TotalFee"] = "0", ["Token"] = "tk_test",
    });

    public static string Fail(Guid invoiceId, long transactionId, string amount) => Form(Card(transactionId, amount, "RUB", invoiceId), new()
    {
        ["Reason"] = "InsufficientFunds", ["ReasonCode"] = "5051", ["OperationType"] = "Payment",
    });

    public static string Refund(Guid invoiceId, long refundTransactionId, long paymentTransactionId, string amount) => Form(new()
    {
        ["TransactionId"] = refundTransactionId.ToString(CultureInfo.InvariantCulture),
        ["PaymentTransactionId"] = paymentTransactionId.ToString(CultureInfo.InvariantCulture),
        ["Amount"] = amount, ["DateTime"] = "2026-11-23 02:10:00", ["OperationType"] = "Refund",
        ["InvoiceId"] = invoiceId.ToString(), ["Email"] = "tourist@example.com",
    }, []);

    public static (string Name, string Value)[] Signed(string body, string secret = FakeCloudPayments.ApiSecret) =>
    [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Content-HMAC", Hmac(body, secret)),
        ("X-Content-HMAC", Hmac(System.Net.WebUtility.UrlDecode(body), secret)),
    ];

    public static string Hmac(string text, string secret) =>
        Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, string> Card(long transactionId, string amount, string currency, Guid invoiceId) => new()
    {
        ["TransactionId"] = transactionId.ToString(CultureInfo.InvariantCulture), ["Amount"] = amount, ["Currency"] = currency,
        ["DateTime"] = "2026-11-23 02:00:00", ["CardFirstSix"] = "424242", ["CardLastFour"] = "4242", ["CardType"] = "Visa",
        ["CardExpDate"] = "12/29", ["TestMode"] = "1", ["InvoiceId"] = invoiceId.ToString(), ["Email"] = "tourist@example.com",
        ["Data"] = """{"bookingReference":"KH-7Q2M"}""",
    };

    private static string Form(Dictionary<string, string> fields, Dictionary<string, string> extra) =>
        string.Join('&', fields.Concat(extra).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
