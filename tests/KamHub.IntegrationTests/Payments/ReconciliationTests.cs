using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments.Providers;
using KamHub.Payments.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// A payment still pending after its hold is asked at its provider instead of waiting for a webhook that may never
/// come: captured money is captured (and the booking follows), a declined or abandoned payment is closed, and a
/// provider that cannot answer leaves it pending for the next run. The fake provider servers play the providers.
/// </summary>
public sealed class ReconciliationTests
{
    private static readonly TimeSpan PastTheHold = TimeSpan.FromMinutes(15 + 6);

    private static async Task<PaymentReconciliationReport> ReconcileAsync(ProviderUnderTest under)
    {
        await using var scope = under.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPaymentReconciliation>().ReconcileAsync(default);
    }

    private static async Task<string> StatusAsync(ProviderUnderTest under, Guid paymentId) =>
        (await under.Factory.PaymentAsync(paymentId)).GetProperty("status").GetString()!;

    [Theory]
    [InlineData("stripe")]
    [InlineData("yookassa")]
    [InlineData("cloudpayments")]
    public async Task Reconcile_WhenTheProviderCapturedButNoWebhookCame_CapturesThePaymentAndTheBookingFollows(string provider)
    {
        await using var under = await ProviderUnderTest.StartAsync(provider);
        var (tourist, booking) = await under.Factory.HeldBookingAsync();
        var paymentId = booking.PaymentId();
        await under.CaptureAtProviderAsync(paymentId, booking.GetProperty("amount").GetInt64());
        under.Factory.Clock.Advance(PastTheHold);

        var report = await ReconcileAsync(under);

        var line = Assert.Single(report.Payments);
        Assert.Equal((paymentId, "captured"), (line.PaymentId, line.Outcome));
        Assert.Equal("succeeded", await StatusAsync(under, paymentId));
        Assert.Single(await under.Factory.EventsAsync("payment.succeeded", paymentId));
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) is "confirmed" or "cancelled", "booking settled by the late capture");
        await under.Factory.AssertLedgerBalancesAsync();
        // Settled: the next run has nothing to ask.
        Assert.Empty((await ReconcileAsync(under)).Payments);
    }

    [Fact]
    public async Task Reconcile_WhenTheProviderDeclined_FailsThePayment()
    {
        await using var under = await ProviderUnderTest.StartAsync("stripe");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        under.Stripe!.SetIntentStatus(await under.ProviderPaymentIdAsync(booking.PaymentId()), "canceled");
        under.Factory.Clock.Advance(PastTheHold);

        var line = Assert.Single((await ReconcileAsync(under)).Payments);

        Assert.Equal("failed", line.Outcome);
        Assert.Equal("failed", await StatusAsync(under, booking.PaymentId()));
        Assert.Single(await under.Factory.EventsAsync("payment.failed", booking.PaymentId()));
    }

    [Fact]
    public async Task Reconcile_WhenTheCustomerNeverPaid_ClosesThePaymentAsExpiredAndALatePaymentStillCounts()
    {
        await using var under = await ProviderUnderTest.StartAsync("yookassa");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        var paymentId = booking.PaymentId();
        under.Factory.Clock.Advance(PastTheHold);

        var line = Assert.Single((await ReconcileAsync(under)).Payments);

        Assert.Equal("expired", line.Outcome);
        var payment = await under.Factory.PaymentAsync(paymentId);
        Assert.Equal(("failed", "expired"), (payment.GetProperty("status").GetString(), payment.GetProperty("failureCode").GetString()));
        Assert.Empty((await ReconcileAsync(under)).Payments);

        // The customer pays after all: the provider's webhook still captures the money (a late payment, as before).
        var late = await under.NotifyPaidAsync(paymentId, booking.GetProperty("amount").GetInt64());
        Assert.True(late.IsSuccessStatusCode, await late.Content.ReadAsStringAsync());
        Assert.Equal("succeeded", await StatusAsync(under, paymentId));
    }

    [Fact]
    public async Task Reconcile_WhenTheProviderCannotBeReached_LeavesThePaymentPendingAndAsksAgainNextRun()
    {
        await using var under = await ProviderUnderTest.StartAsync("yookassa");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        var paymentId = booking.PaymentId();
        await under.CaptureAtProviderAsync(paymentId, booking.GetProperty("amount").GetInt64());
        under.Factory.Clock.Advance(PastTheHold);
        under.YooKassa!.Server.FailNext(4, HttpStatusCode.ServiceUnavailable);

        var first = Assert.Single((await ReconcileAsync(under)).Payments);

        Assert.Equal("unavailable", first.Outcome);
        Assert.Equal("pending", await StatusAsync(under, paymentId));
        Assert.Equal("captured", Assert.Single((await ReconcileAsync(under)).Payments).Outcome);
    }

    [Fact]
    public async Task Reconcile_WhenTheProviderCapturedAnotherAmount_LeavesThePaymentPendingAndSaysSo()
    {
        await using var under = await ProviderUnderTest.StartAsync("stripe");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        await under.CaptureAtProviderAsync(booking.PaymentId(), booking.GetProperty("amount").GetInt64() - 1);
        under.Factory.Clock.Advance(PastTheHold);

        var line = Assert.Single((await ReconcileAsync(under)).Payments);

        Assert.Equal("amount-mismatch", line.Outcome);
        Assert.Equal("pending", await StatusAsync(under, booking.PaymentId()));
        Assert.Empty(await under.Factory.EventsAsync("payment.succeeded", booking.PaymentId()));
    }

    [Fact]
    public async Task Reconcile_BeforeTheHoldAndItsGraceAreOver_AsksNobody()
    {
        await using var under = await ProviderUnderTest.StartAsync("stripe");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        await under.CaptureAtProviderAsync(booking.PaymentId(), booking.GetProperty("amount").GetInt64());
        under.Factory.Clock.Advance(TimeSpan.FromMinutes(15 + 4));

        Assert.Empty((await ReconcileAsync(under)).Payments);

        Assert.DoesNotContain(under.Stripe!.Server.Requests, r => r.Method == "GET");
        Assert.Equal("pending", await StatusAsync(under, booking.PaymentId()));
    }

    [Fact]
    public async Task Reconcile_OnTheSandbox_WhenPayWasPressedButKamHubNeverTookTheWebhook_CapturesIt()
    {
        await using var under = await ProviderUnderTest.StartAsync("sandbox");
        // The sandbox's webhooks get lost on their way to KamHub (a wrong URL answers 404: not delivered).
        under.Factory.With("KamHub:Payments:Sandbox:WebhookUrl", "http://localhost/api/payments/webhooks/lost");
        var (tourist, booking) = await under.Factory.HeldBookingAsync();
        var paymentId = booking.PaymentId();
        await under.CaptureAtProviderAsync(paymentId, booking.GetProperty("amount").GetInt64());
        Assert.Equal("pending", await StatusAsync(under, paymentId));
        under.Factory.Clock.Advance(PastTheHold);

        var line = Assert.Single((await ReconcileAsync(under)).Payments);

        Assert.Equal("captured", line.Outcome);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) is "confirmed" or "cancelled", "booking settled");
    }

    [Fact]
    public async Task ReconciliationJob_OnItsInterval_AsksWithoutAnyoneRunningItByHand()
    {
        await using var under = await ProviderUnderTest.StartAsync("stripe");
        under.Factory.With("KamHub:Payments:ReconcileInterval", "00:05:00");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        await under.CaptureAtProviderAsync(booking.PaymentId(), booking.GetProperty("amount").GetInt64());

        // The job ticks on the host's clock (KamHub:Payments:ReconcileInterval, 5 minutes by default).
        await BookingApi.EventuallyAsync(async () =>
        {
            under.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
            return await StatusAsync(under, booking.PaymentId()) == "succeeded";
        }, "the job captured the payment");
    }

    [Fact]
    public async Task PaymentsReconcileCommand_RunsTheJobOnceAndPrintsWhatItDid()
    {
        // The CLI runs on the real clock: a booking made two hours ago is long past its hold.
        var factory = new PaymentsFactory(start: DateTimeOffset.UtcNow.AddHours(-2));
        using var _ = factory;
        var (_, booking) = await factory.HeldBookingAsync();

        var run = await ProcessRunner.KamHubAsync(factory.Database, "payments", "reconcile",
            $"--KamHub:Payments:Sandbox:WebhookSecret={PaymentsFactory.WebhookSecret}");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(booking.PaymentId().ToString(), run.Output, StringComparison.Ordinal);
        Assert.Contains("expired", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 payment(s) asked", run.Output, StringComparison.Ordinal);
        var payment = await factory.PaymentAsync(booking.PaymentId());
        Assert.Equal("failed", payment.GetProperty("status").GetString());

        var again = await ProcessRunner.KamHubAsync(factory.Database, "payments", "reconcile", "--json");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("\"payments\": []", again.Output, StringComparison.Ordinal);
    }
}
