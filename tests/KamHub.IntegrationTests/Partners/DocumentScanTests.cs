using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Partners;

/// <summary>One real clamd for the class (<see cref="ClamdProcess"/>): started once, stopped after the last test.</summary>
public sealed class ClamdFixture : IDisposable
{
    public ClamdProcess Clamd { get; } = new();

    public void Dispose() => Clamd.Dispose();
}

/// <summary>
/// Application documents scanned by a real clamd over TCP before they are stored (ADR 0025, update): a clean file is kept
/// marked clean, an infected one is refused naming the signature, a configured scanner that does not answer stops the
/// upload with 503 and Retry-After; without a scanner documents are kept marked not scanned.
/// </summary>
public sealed class DocumentScanTests(ClamdFixture clamd) : IClassFixture<ClamdFixture>
{
    private const string Documents = "/api/operator/application/documents";

    [Fact]
    public async Task Upload_WithClamd_KeepsACleanFileMarkedClean_RefusesAnInfectedOneNamingItsSignatureAndStoresNothing()
    {
        using var factory = new KamHubFactory().With("KamHub:Partners:ClamdHost", "127.0.0.1")
            .With("KamHub:Partners:ClamdPort", clamd.Clamd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var op = await ApplicantAsync(factory);

        var clean = await UploadAsync(op, "certificate.pdf", "%PDF-1.7\nCertificate of state registration"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
        Assert.Equal("clean", (await clean.JsonAsync()).GetProperty("scan").GetString());

        // The test string inside a real PDF (the type check passes; only the scanner can tell).
        var infected = await UploadAsync(op, "invoice.pdf", [.. "%PDF-1.7\n"u8, .. ClamdProcess.Eicar, .. "\n%%EOF\n"u8]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, infected.StatusCode);
        Assert.Equal("application/problem+json", infected.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ClamdProcess.SignatureName, (await infected.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["certificate.pdf"], await DocumentNamesAsync(op));
        Assert.Equal("clean", (await op.GetJsonAsync("/api/operator/application")).GetProperty("documents")[0].GetProperty("scan").GetString());
    }

    [Fact]
    public async Task Upload_WhenTheConfiguredClamdDoesNotAnswer_Is503WithRetryAfter_AndStoresNothing()
    {
        using var factory = new KamHubFactory().With("KamHub:Partners:ClamdHost", "127.0.0.1")
            .With("KamHub:Partners:ClamdPort", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("KamHub:Partners:ClamdRetryAfterSeconds", "45");
        var op = await ApplicantAsync(factory);

        var response = await UploadAsync(op, "certificate.pdf", "%PDF-1.7\nCertificate"u8.ToArray());
        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(45), response.Headers.RetryAfter?.Delta);
        Assert.Empty(await DocumentNamesAsync(op));
    }

    [Fact]
    public async Task Upload_WithoutClamd_KeepsTheDocumentMarkedNotScanned_AndTheConsoleSaysSo()
    {
        using var factory = new KamHubFactory();
        var op = await ApplicantAsync(factory);
        var stored = await UploadAsync(op, "certificate.pdf", [.. "%PDF-1.7\n"u8, .. ClamdProcess.Eicar]);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var document = (await stored.JsonAsync()).Id();
        Assert.Equal("not-scanned", (await op.GetJsonAsync("/api/operator/application")).GetProperty("documents")[0].GetProperty("scan").GetString());

        var console = await PagesAsync(factory, KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        var page = await console.GetStringAsync("/console/operators");
        var item = page[page.IndexOf($"id=\"document-{document}\"", StringComparison.Ordinal)..];
        Assert.Contains("not scanned for viruses", item[..item.IndexOf("</li>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    /// <summary>A browser-like client (cookies, no redirects followed) signed in on the pages.</summary>
    public static async Task<HttpClient> PagesAsync(KamHubFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true,
        });
        await Web.WebForms.SignInAsync(client, email, password);
        return client;
    }

    /// <summary>An operator user of a new organisation that has sent its application.</summary>
    private static async Task<HttpClient> ApplicantAsync(KamHubFactory factory)
    {
        var op = factory.ClientAs("Operator", Guid.NewGuid());
        var applied = await op.PutAsJsonAsync("/api/operator/application", new
        {
            legalName = "Avacha Bay Trips", taxId = "4101000000", contactEmail = "owner@avacha.example",
            payoutDetails = new { accountHolder = "Avacha Bay Trips", bankCode = "043002711", account = "40702810900000000001" },
        });
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        return op;
    }

    private static async Task<List<string>> DocumentNamesAsync(HttpClient op) =>
        (await op.GetJsonAsync("/api/operator/application")).GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("fileName").GetString()!).ToList();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient op, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await op.PostAsync(Documents, form);
    }
}
