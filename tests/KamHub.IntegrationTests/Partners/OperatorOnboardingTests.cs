using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using KamHub.Partners.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Partners;

/// <summary>
/// Operator onboarding with approval required (ADR 0020): drafts before approval, no publishing, rejection with a
/// reason, approval, payout-detail changes held for review; the demo operators start approved.
/// </summary>
public sealed class OperatorOnboardingTests : IDisposable
{
    // Real sandbox payments (their webhooks routed into the test server), so a payout run has money to pay or hold.
    private readonly KamHubFactory _factory = new PaymentsFactory().With("KamHub:Partners:RequireOperatorApproval", "true")
        .With("KamHub:Partners:DocumentMaxBytes", "65536");

    private const string Documents = "/api/operator/application/documents";

    public void Dispose() => _factory.Dispose();

    private static object Application(string account = "40702810000000000001", string taxId = "4101123456") => new
    {
        legalName = "Kamchatka Trails LLC",
        taxId,
        contactEmail = "office@trails.example",
        contactPhone = "+7 914 000-00-01",
        payoutDetails = new { accountHolder = "Kamchatka Trails LLC", bankCode = "043002711", account },
    };

    [Fact]
    public async Task Onboarding_FromDraftToApproval_GatesPublishingAndPayouts()
    {
        var admin = _factory.Admin();
        var created = await admin.PostAsJsonAsync("/api/operators", new { name = "Kamchatka Trails " + Guid.NewGuid().ToString("N")[..6], region = "Kamchatka" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var operatorId = (await created.JsonAsync()).Id();
        var user = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            email = $"owner-{Guid.NewGuid():N}@trails.example", password = "Owner-Test-Password-1", role = "Operator", operatorId, displayName = "Olga",
        });
        Assert.True(user.StatusCode == HttpStatusCode.Created, await user.Content.ReadAsStringAsync());
        var ownerId = (await user.JsonAsync()).Id();
        var op = _factory.ClientAs("Operator", operatorId);
        var tour = (await op.CreateTourAsync(DiscoveryApi.TourBody())).Id();

        // Before approval: drafts yes, publishing no.
        await DiscoveryApi.AssertProblemAsync(await op.PostAsync($"/api/tours/{tour}/publish", null), HttpStatusCode.Conflict);
        await DiscoveryApi.AssertProblemAsync(await op.GetAsync("/api/operator/application"), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await UploadAsync(op, "certificate.pdf", "%PDF-1.7"u8.ToArray()), HttpStatusCode.Conflict);
        await DiscoveryApi.AssertProblemAsync(await op.PutAsJsonAsync("/api/operator/application", Application(taxId: "12ab")), HttpStatusCode.BadRequest, "taxId");
        await DiscoveryApi.AssertProblemAsync(await op.PutAsJsonAsync("/api/operator/application", Application(account: "1")), HttpStatusCode.BadRequest,
            "payoutDetails.account");
        Assert.Equal("pending", (await SubmitAsync(op, Application())).GetProperty("status").GetString());
        await DiscoveryApi.AssertProblemAsync(await op.PostAsync($"/api/tours/{tour}/publish", null), HttpStatusCode.Conflict);
        Assert.Contains((await admin.GetJsonAsync("/api/admin/operator-applications?status=pending")).GetProperty("items").EnumerateArray(),
            a => a.GetProperty("operatorId").GetGuid() == operatorId);

        // Documents for the review: a PDF, JPEG or PNG by its content (not by its name), within the size limit.
        var pdf = "%PDF-1.7\nCertificate of state registration"u8.ToArray();
        await DiscoveryApi.AssertProblemAsync(await UploadAsync(op, "scan.pdf", "MZ\u0090 an executable"u8.ToArray()), HttpStatusCode.BadRequest, "file");
        await DiscoveryApi.AssertProblemAsync(await UploadAsync(op, "huge.pdf", [.. "%PDF-"u8, .. new byte[70_000]]), HttpStatusCode.BadRequest, "file");
        await DiscoveryApi.AssertProblemAsync(await op.PostAsJsonAsync(Documents, new { file = "certificate.pdf" }), HttpStatusCode.BadRequest, "file");
        var certificate = await UploadedAsync(op, "C:\\scans\\certificate.pdf", pdf);
        Assert.Equal(("certificate.pdf", "application/pdf", pdf.Length), (certificate.GetProperty("fileName").GetString(),
            certificate.GetProperty("contentType").GetString(), certificate.GetProperty("sizeBytes").GetInt32()));
        // A wrong upload is taken back before anyone decided on it.
        var mistake = await UploadedAsync(op, "holiday.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync($"{Documents}/{mistake.Id()}")).StatusCode);
        // The admin reviewing sees the documents with the application and downloads each; nobody else's operator can.
        var pending = (await admin.GetJsonAsync("/api/admin/operator-applications?status=pending")).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("operatorId").GetGuid() == operatorId);
        Assert.Equal([certificate.Id()], pending.GetProperty("documents").EnumerateArray().Select(d => d.Id()));
        using (var download = await admin.GetAsync($"/api/admin/operator-applications/{operatorId}/documents/{certificate.Id()}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("certificate.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _factory.ClientAs("Operator", Guid.NewGuid()).GetAsync($"{Documents}/{certificate.Id()}")).StatusCode);
        Assert.Equal(pdf, await op.GetByteArrayAsync($"{Documents}/{certificate.Id()}"));

        // Rejected with a reason the operator reads; resubmitted; approved.
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsJsonAsync($"/api/admin/operator-applications/{operatorId}/reject", new { reason = "" }),
            HttpStatusCode.BadRequest, "reason");
        await DecideAsync(admin, operatorId, "reject", new { reason = "The tax id does not match the legal name." });
        var rejected = await op.GetJsonAsync("/api/operator/application");
        Assert.Equal(("rejected", "The tax id does not match the legal name."),
            (rejected.GetProperty("status").GetString(), rejected.GetProperty("rejectionReason").GetString()));
        // The document the rejection was decided on stays on record.
        Assert.Equal([certificate.Id()], rejected.GetProperty("documents").EnumerateArray().Select(d => d.Id()));
        await DiscoveryApi.AssertProblemAsync(await op.DeleteAsync($"{Documents}/{certificate.Id()}"), HttpStatusCode.Conflict);
        await SubmitAsync(op, Application());
        await DecideAsync(admin, operatorId, "approve");
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync($"/api/tours/{tour}/publish", null)).StatusCode);
        Assert.True(await StandingAsync(s => s.MayReceivePayoutsAsync(operatorId, CancellationToken.None)));
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsync($"/api/admin/operator-applications/{operatorId}/approve", null), HttpStatusCode.Conflict);
        // A paid sale, so that the payout run has the operator's money to pay or to hold.
        var departure = (await op.ScheduleAsync(tour, BookingApi.DepartureBody())).Id();
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure);
        await _factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");

        // New payout details: selling goes on, payouts wait for the review.
        var changed = await SubmitAsync(op, Application(account: "40702810000000000002"));
        Assert.Equal("approved", changed.GetProperty("status").GetString());
        Assert.Equal("40702810000000000002", changed.GetProperty("pendingPayoutDetails").GetProperty("account").GetString());
        Assert.False(await StandingAsync(s => s.MayReceivePayoutsAsync(operatorId, CancellationToken.None)));
        Assert.True(await StandingAsync(s => s.MayPublishAsync(operatorId, CancellationToken.None)));
        // The run pays others but holds this operator's money while its new details wait; once approved, it is paid.
        var heldRun = await RunPayoutsAsync(admin);
        var approved = await DecideAsync(admin, operatorId, "approve");
        Assert.Equal("40702810000000000002", approved.GetProperty("payoutDetails").GetProperty("account").GetString());
        Assert.True(await StandingAsync(s => s.MayReceivePayoutsAsync(operatorId, CancellationToken.None)));
        Assert.DoesNotContain(operatorId, heldRun);
        Assert.Contains(operatorId, await RunPayoutsAsync(admin));

        // Every decision published.
        Assert.Equal(2, (await _factory.EventsAsync("operator.approved", operatorId)).Count);
        Assert.Single(await _factory.EventsAsync("operator.rejected", operatorId));
        Assert.Equal(2, (await _factory.EventsAsync("operator.applied", operatorId)).Count);
        Assert.Single(await _factory.EventsAsync("operator.payout-details-changed", operatorId));

        // The organisation's users hear of every decision; a rejection says why.
        await BookingApi.EventuallyAsync(async () => (await _factory.MessagesToAsync(ownerId)).Count(m => m.Type == "operator-approved") == 2, "both approvals e-mailed");
        var rejection = Assert.Single(await _factory.RenderedAsync(ownerId, "operator-rejected"));
        Assert.Contains("Reason: The tax id does not match the legal name.", rejection.Text, StringComparison.Ordinal);
        Assert.Equal(["Your new payout details are approved", "Your organisation is approved on KamHub"],
            (await _factory.RenderedAsync(ownerId, "operator-approved")).Select(m => m.Subject).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Documents_ChangedAfterApproval_WaitForTheAdminsReview_WhileSellingAndPayoutsGoOn()
    {
        var admin = _factory.Admin();
        var operatorId = (await (await admin.PostAsJsonAsync("/api/operators", new { name = "Avacha Trips " + Guid.NewGuid().ToString("N")[..6], region = "Kamchatka" }))
            .JsonAsync()).Id();
        var user = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            email = $"owner-{Guid.NewGuid():N}@avacha.example", password = "Owner-Test-Password-1", role = "Operator", operatorId, displayName = "Ivan",
        });
        Assert.True(user.StatusCode == HttpStatusCode.Created, await user.Content.ReadAsStringAsync());
        var ownerId = (await user.JsonAsync()).Id();
        var op = _factory.ClientAs("Operator", operatorId, ownerId);
        await SubmitAsync(op, Application());
        var certificate = await UploadedAsync(op, "certificate.pdf", "%PDF-1.7\nCertificate"u8.ToArray());
        // Before approval documents come and go without a separate review: the application itself waits.
        Assert.Equal(JsonValueKind.Null, (await op.GetJsonAsync("/api/operator/application")).GetProperty("documentsChangedAt").ValueKind);
        await DecideAsync(admin, operatorId, "approve");
        // The host's clock stands still: what comes after a decision comes a minute later.
        var clock = ((PaymentsFactory)_factory).Clock;
        clock.Advance(TimeSpan.FromMinutes(1));

        // A new document after approval: it waits for the admin, selling and payouts go on.
        var licence = await UploadedAsync(op, "licence.pdf", "%PDF-1.7\nTour operator licence"u8.ToArray());
        Assert.NotEqual(JsonValueKind.Null, (await op.GetJsonAsync("/api/operator/application")).GetProperty("documentsChangedAt").ValueKind);
        Assert.True(await StandingAsync(s => s.MayPublishAsync(operatorId, CancellationToken.None)));
        Assert.True(await StandingAsync(s => s.MayReceivePayoutsAsync(operatorId, CancellationToken.None)));
        Assert.Contains(operatorId, await WaitingAsync(admin));
        // Taken back: nothing new is left, nothing waits.
        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync($"{Documents}/{licence.Id()}")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await op.GetJsonAsync("/api/operator/application")).GetProperty("documentsChangedAt").ValueKind);
        Assert.DoesNotContain(operatorId, await WaitingAsync(admin));
        await DiscoveryApi.AssertProblemAsync(await op.DeleteAsync($"{Documents}/{certificate.Id()}"), HttpStatusCode.Conflict);

        // Sent again: the console lists it under "documents to review", the new one marked, and decides on it.
        licence = await UploadedAsync(op, "licence.pdf", "%PDF-1.7\nTour operator licence, signed"u8.ToArray());
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsync($"/api/admin/operator-applications/{operatorId}/approve?scope=payout-details", null),
            HttpStatusCode.Conflict);
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsync($"/api/admin/operator-applications/{operatorId}/approve?scope=everything", null),
            HttpStatusCode.BadRequest, "scope");
        var console = await DocumentScanTests.PagesAsync(_factory, KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        var page = await console.GetStringAsync("/console/operators?status=documents-review");
        Assert.Contains($"id=\"documents-waiting-{operatorId}\"", page, StringComparison.Ordinal);
        Assert.Contains("new since the last decision", Item(page, licence.Id()), StringComparison.Ordinal);
        Assert.DoesNotContain("new since the last decision", Item(page, certificate.Id()), StringComparison.Ordinal);
        var reject = $"/console/operators?handler=Reject&operatorId={operatorId}&scope=documents&status=documents-review";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(console, "/console/operators?status=documents-review", reject,
            ("Reason", "The licence is not signed."))).StatusCode);
        var afterRejection = await op.GetJsonAsync("/api/operator/application");
        Assert.Equal(("approved", JsonValueKind.Null), (afterRejection.GetProperty("status").GetString(), afterRejection.GetProperty("documentsChangedAt").ValueKind));
        Assert.True(await StandingAsync(s => s.MayPublishAsync(operatorId, CancellationToken.None)));
        clock.Advance(TimeSpan.FromMinutes(1));
        // The rejected document stays on record; a corrected one waits again and is approved from the console.
        await DiscoveryApi.AssertProblemAsync(await op.DeleteAsync($"{Documents}/{licence.Id()}"), HttpStatusCode.Conflict);
        await UploadedAsync(op, "licence-signed.pdf", "%PDF-1.7\nTour operator licence, signed and stamped"u8.ToArray());
        var approve = $"/console/operators?handler=Approve&operatorId={operatorId}&scope=documents&status=documents-review";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(console, "/console/operators?status=documents-review", approve)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await op.GetJsonAsync("/api/operator/application")).GetProperty("documentsChangedAt").ValueKind);
        Assert.DoesNotContain(operatorId, await WaitingAsync(admin));

        // Each change and each decision published; the owner is told of both decisions.
        var changes = await _factory.EventsAsync("operator.documents-changed", operatorId);
        Assert.Equal([("added", true), ("added", true), ("added", true), ("removed", false)],
            changes.Select(p => (p.GetProperty("change").GetString()!, p.GetProperty("awaitingReview").GetBoolean())).Order());
        Assert.Equal(["application", "documents"],
            (await _factory.EventsAsync("operator.approved", operatorId)).Select(p => p.GetProperty("scope").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("documents", Assert.Single(await _factory.EventsAsync("operator.rejected", operatorId)).GetProperty("scope").GetString());
        await BookingApi.EventuallyAsync(async () => (await _factory.MessagesToAsync(ownerId)).Count(m => m.Type.StartsWith("operator-", StringComparison.Ordinal)) == 3,
            "the three decisions e-mailed");
        Assert.Contains("Your new documents are approved", (await _factory.RenderedAsync(ownerId, "operator-approved")).Select(m => m.Subject));
        Assert.Contains("Reason: The licence is not signed.", Assert.Single(await _factory.RenderedAsync(ownerId, "operator-rejected")).Text, StringComparison.Ordinal);
    }

    /// <summary>The organisations whose documents wait for review, as the admin lists them.</summary>
    private static async Task<List<Guid>> WaitingAsync(HttpClient admin) =>
        (await admin.GetJsonAsync("/api/admin/operator-applications?status=documents-review&limit=200")).GetProperty("items").EnumerateArray()
        .Select(a => a.GetProperty("operatorId").GetGuid()).ToList();

    /// <summary>One document's item on the console's page.</summary>
    private static string Item(string page, Guid document)
    {
        var item = page[page.IndexOf($"id=\"document-{document}\"", StringComparison.Ordinal)..];
        return item[..item.IndexOf("</li>", StringComparison.Ordinal)];
    }

    /// <summary>Posts a page's form with the anti-forgery token of <paramref name="formPage"/>, as a browser does.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = Web.WebForms.AntiforgeryTokenOf(await client.GetStringAsync(formPage));
        return await client.PostAsync(action, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token))));
    }

    [Fact]
    public async Task Onboarding_DemoOperatorAndOthers_SeededApprovedAndRefusedToStrangers()
    {
        var demo = _factory.ClientAs("Operator", DemoOperators.Primary);
        var tour = (await demo.CreateTourAsync(DiscoveryApi.TourBody())).Id();
        Assert.Equal(HttpStatusCode.OK, (await demo.PostAsync($"/api/tours/{tour}/publish", null)).StatusCode);
        Assert.Equal("approved", (await demo.GetJsonAsync("/api/operator/application")).GetProperty("status").GetString());

        foreach (var role in new[] { "Tourist", "Guide", "Agent", "Transfer" })
            await DiscoveryApi.AssertProblemAsync(await _factory.ClientAs(role).PutAsJsonAsync("/api/operator/application", Application()), HttpStatusCode.Forbidden);
        foreach (var role in new[] { "Operator", "Tourist", "Guide" })
            Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientAs(role, Guid.NewGuid()).GetAsync("/api/admin/operator-applications")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient op, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        // What the browser claims is not what counts.
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await op.PostAsync(Documents, form);
    }

    private static async Task<JsonElement> UploadedAsync(HttpClient op, string fileName, byte[] content)
    {
        var response = await UploadAsync(op, fileName, content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient op, object body)
    {
        var response = await op.PutAsJsonAsync("/api/operator/application", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static async Task<JsonElement> DecideAsync(HttpClient admin, Guid operatorId, string decision, object? body = null)
    {
        var response = await admin.PostAsJsonAsync($"/api/admin/operator-applications/{operatorId}/{decision}", body ?? new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>The operators a payout run over the last and next day paid.</summary>
    private static async Task<List<Guid>> RunPayoutsAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/payouts", new { from = DateTimeOffset.UtcNow.AddDays(-1), to = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("operatorId").GetGuid()).ToList();
    }

    private async Task<bool> StandingAsync(Func<IOperatorStanding, Task<bool>> ask)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await ask(scope.ServiceProvider.GetRequiredService<IOperatorStanding>());
    }
}
