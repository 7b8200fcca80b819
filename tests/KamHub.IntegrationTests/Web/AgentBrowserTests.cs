using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KamHub.IntegrationTests.Web;

/// <summary>
/// Partners' pages in a real headless Chromium, on one host and one browser: the operator grants and revokes agents from
/// the desk, the agent books for a client from the tour page and sees the sale and its commission; an operator sends its
/// onboarding application. Set-up (a tour, a departure) goes
/// through the API; what a person does goes through the pages.
/// </summary>
public sealed class AgentBrowserTests(AgentBrowserTests.Host host) : IClassFixture<AgentBrowserTests.Host>
{
    private readonly WebFactory _factory = host.Factory;
    private readonly Browser _browser = host.Browser;
    private readonly Uri _site = host.Site;

    /// <summary>One Kestrel host and one Chromium for the class's tests (each test has its own browser contexts).</summary>
    public sealed class Host : IAsyncLifetime
    {
        public WebFactory Factory { get; } = new(kestrel: true);

        public Browser Browser { get; private set; } = null!;

        public Uri Site { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Factory.With("KamHub:Events:PollInterval", "00:00:00.200");
            Site = Factory.Listening();
            Browser = await Browser.LaunchAsync();
            SetDefaultExpectTimeout(15_000);
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task OperatorGrantsAnAgent_AgentBooksForAClientAndSeesItsCommission_OperatorRevokes()
    {
        var tour = await _factory.PublishedTourAsync();
        var start = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd'T'09:00", CultureInfo.InvariantCulture);
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(start))).Id();
        var details = await (await _factory.AsAdminAsync()).GetJsonAsync($"/api/tours/{tour}");
        var title = details.GetProperty("title").GetProperty("en").GetString()!;
        var slug = details.GetProperty("slug").GetString()!;
        var clientId = (await (await _factory.AsDemoAsync("tourist")).GetJsonAsync("/api/me")).Id();

        var desk = await SignedInPageAsync("operator@demo.kamhub.local");
        await desk.GotoAsync("/desk");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Agents" }).ClickAsync();
        await desk.GetByLabel(new Regex("^Agent's e-mail")).FillAsync("agent@demo.kamhub.local");
        // The page's own reading of the percentage first, then the API's rule; what was typed stays.
        await desk.GetByLabel("Commission, %").FillAsync("seven");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Expect(desk.Locator("#commission-error")).ToContainTextAsync("Commission, %");
        await Expect(desk.GetByLabel(new Regex("^Agent's e-mail"))).ToHaveValueAsync("agent@demo.kamhub.local");
        await desk.GetByLabel("Commission, %").FillAsync("80");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Expect(desk.Locator("#commission-error")).ToContainTextAsync("at most");
        await Expect(desk.GetByLabel("Commission, %")).ToHaveAttributeAsync("aria-invalid", "true");
        await desk.GetByLabel("Commission, %").FillAsync("7.5");
        await desk.GetByLabel("Only these tours:").CheckAsync();
        await desk.GetByLabel(title).CheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Expect(desk.Locator("#done")).ToHaveTextAsync("The agent may now sell your tours.");
        var grant = desk.Locator("table.grants tr", new() { HasText = "agent@demo.kamhub.local" });
        await Expect(grant).ToContainTextAsync("7.5 %");
        await Expect(grant).ToContainTextAsync(title);
        await Expect(grant).ToContainTextAsync("Active");
        // The sales page is an agent's alone.
        Assert.Equal(403, (await desk.GotoAsync("/agent"))!.Status);

        var agent = await SignedInPageAsync("agent@demo.kamhub.local");
        await agent.GotoAsync($"/tours/{slug}");
        await agent.Locator("a.button", new() { HasText = "Book" }).First.ClickAsync();
        await Expect(agent.Locator("#agent-note")).ToBeVisibleAsync();
        await Expect(agent.GetByLabel("Client's e-mail")).ToHaveValueAsync("");
        await agent.GetByLabel("Adults").FillAsync("1");
        await agent.GetByLabel("Participants (one name per line)").FillAsync("Maria Sokolova");
        await agent.GetByLabel(new Regex("^Client's KamHub account id")).FillAsync("not-an-id");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Book and pay" }).ClickAsync();
        await Expect(agent.Locator("#client-account-error")).ToContainTextAsync("must be an account id");
        await agent.GetByLabel(new Regex("^Client's KamHub account id")).FillAsync(clientId.ToString());
        await agent.GetByRole(AriaRole.Button, new() { Name = "Book and pay" }).ClickAsync();
        await Expect(agent.Locator("#email-error")).ToContainTextAsync("Client's e-mail");
        await Expect(agent.GetByLabel("Participants (one name per line)")).ToHaveValueAsync("Maria Sokolova");
        await agent.GetByLabel("Client's e-mail").FillAsync("maria@example.com");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Book and pay" }).ClickAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Pay (test card)" }).ClickAsync();
        await Expect(agent.Locator("#status")).ToHaveTextAsync("Confirmed");
        var reference = (await agent.Locator("#reference").TextContentAsync())!;

        // 7.5 % of the 5 000 ₽ seat, as the ledger recorded it at capture.
        await agent.GetByRole(AriaRole.Link, new() { Name = "My sales" }).ClickAsync();
        var sale = agent.Locator("table.sales tr", new() { HasText = reference });
        await Expect(sale).ToContainTextAsync(title);
        await Expect(sale).ToContainTextAsync("375");
        await Expect(sale).ToContainTextAsync("7.5 %");
        await Expect(agent.Locator("table.months tbody tr")).ToContainTextAsync(DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await Expect(agent.Locator("table.balance")).ToContainTextAsync("375");
        // The client's own account sees the booking too.
        Assert.Contains(reference, await (await _factory.AsDemoAsync("tourist")).GetStringAsync("/api/me/bookings"), StringComparison.Ordinal);

        await desk.GotoAsync("/desk/agents");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Revoke agent@demo.kamhub.local" }).ClickAsync();
        await Expect(desk.Locator("#done")).ToHaveTextAsync("The grant is revoked.");
        await Expect(desk.Locator("table.grants tr", new() { HasText = "agent@demo.kamhub.local" })).ToContainTextAsync("Revoked");

        // Revoked: the API refuses the agent's next sale of the tour, and the page says so.
        await agent.GotoAsync($"/book/{departure}");
        await agent.GetByLabel("Adults").FillAsync("1");
        await agent.GetByLabel("Participants (one name per line)").FillAsync("Pavel Sokolov");
        await agent.GetByLabel("Client's e-mail").FillAsync("pavel@example.com");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Book and pay" }).ClickAsync();
        await Expect(agent.Locator("main .alert")).ToContainTextAsync("grant");
    }

    [Fact]
    public async Task OperatorSendsItsApplication_FieldErrorsNamed_ThenSeesTheReasonOfARejection()
    {
        var admin = await _factory.AsAdminAsync();
        var created = await admin.PostAsJsonAsync("/api/operators", new { name = "Avacha Trips " + Guid.NewGuid().ToString("N")[..6], region = "kamchatka" });
        var operatorId = (await created.JsonAsync()).Id();
        var email = $"owner-{Guid.NewGuid():N}@avacha.example";
        var user = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = Password, role = "Operator", operatorId, displayName = "Olga" });
        Assert.True(user.StatusCode == HttpStatusCode.Created, await user.Content.ReadAsStringAsync());

        var desk = await SignedInPageAsync(email, Password);
        await desk.GotoAsync("/desk");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Application for selling" }).ClickAsync();
        await Expect(desk.Locator("#application-status")).ToContainTextAsync("Not sent yet");
        await desk.GetByLabel("Legal name").FillAsync("Avacha Trips LLC");
        await desk.GetByLabel("INN (10 or 12 digits)").FillAsync("12ab");
        await desk.GetByLabel("Contact e-mail").FillAsync("office@avacha.example");
        await desk.GetByLabel("Account holder").FillAsync("Avacha Trips LLC");
        await desk.GetByLabel("Bank BIK (9 digits)").FillAsync("043002711");
        await desk.GetByLabel("Account number (20 digits)").FillAsync("1");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Expect(desk.Locator("#tax-id-error")).ToContainTextAsync("INN");
        await Expect(desk.Locator("#account-error")).ToContainTextAsync("Account number");
        await Expect(desk.GetByLabel("Legal name")).ToHaveValueAsync("Avacha Trips LLC");
        await desk.GetByLabel("INN (10 or 12 digits)").FillAsync("4101123456");
        await desk.GetByLabel("Account number (20 digits)").FillAsync("40702810900000000001");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Expect(desk.Locator("#sent")).ToBeVisibleAsync();
        await Expect(desk.Locator("#application-status")).ToContainTextAsync("Waiting for review");

        // Documents for the review: a file that is not a PDF, JPEG or PNG is refused under the input; a PDF is listed.
        var pdf = "%PDF-1.7\nCertificate of state registration"u8.ToArray();
        await desk.GetByLabel("File (PDF, JPEG or PNG)").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();
        await Expect(desk.Locator("#document-error")).ToContainTextAsync("must be a PDF, JPEG or PNG file");
        await desk.GetByLabel("File (PDF, JPEG or PNG)").SetInputFilesAsync(new FilePayload { Name = "certificate.pdf", MimeType = "application/pdf", Buffer = pdf });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();
        await Expect(desk.Locator("#attached")).ToBeVisibleAsync();
        await Expect(desk.Locator("table.documents")).ToContainTextAsync("certificate.pdf");
        // The admin reviewing sees it with the application and opens it.
        var console = await SignedInPageAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        await console.GotoAsync("/console/operators");
        var link = console.GetByRole(AriaRole.List, new() { Name = "Documents Avacha Trips LLC" }).GetByRole(AriaRole.Link, new() { Name = "certificate.pdf" });
        var file = await console.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
        Assert.Equal(pdf, await file.BodyAsync());
        Assert.StartsWith("application/pdf", file.Headers["content-type"], StringComparison.Ordinal);

        var rejected = await admin.PostAsJsonAsync($"/api/admin/operator-applications/{operatorId}/reject", new { reason = "The INN belongs to another company." });
        Assert.True(rejected.IsSuccessStatusCode, await rejected.Content.ReadAsStringAsync());
        await desk.ReloadAsync();
        await Expect(desk.Locator("#rejection")).ToContainTextAsync("The INN belongs to another company.");
        await Expect(desk.Locator("#application-status")).ToContainTextAsync("Not approved");
        await Expect(desk.GetByLabel("INN (10 or 12 digits)")).ToHaveValueAsync("4101123456");
        // Decided on: the document stays on record.
        await Expect(desk.Locator("table.documents tr", new() { HasText = "certificate.pdf" })).ToContainTextAsync("reviewed");
    }

    [Fact]
    public async Task OperatorPutsAGuideOnADepartureByEmail_AnOverlapIsRefused_ThenTakesTheGuideOff()
    {
        var tour = await _factory.PublishedTourAsync();
        var start = DateTime.UtcNow.AddDays(24).ToString("yyyy-MM-dd'T'09:00", CultureInfo.InvariantCulture);
        var first = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(start))).Id();
        var overlapping = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(start))).Id();

        var desk = await SignedInPageAsync("operator@demo.kamhub.local");
        await desk.GotoAsync($"/desk/departures/{first}");
        await Expect(desk.Locator("main")).ToContainTextAsync("Nobody is assigned to this departure yet.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(desk.Locator("#staff-email-error")).ToContainTextAsync("is required");
        // A tourist's account is not a guide's: the API's refusal, with what was typed kept.
        await desk.GetByLabel(new Regex("^E-mail \\(their")).FillAsync("tourist@demo.kamhub.local");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a Guide account");
        await Expect(desk.GetByLabel(new Regex("^E-mail \\(their"))).ToHaveValueAsync("tourist@demo.kamhub.local");
        await desk.GetByLabel(new Regex("^E-mail \\(their")).FillAsync("guide@demo.kamhub.local");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(desk.Locator("table.staff")).ToContainTextAsync("guide@demo.kamhub.local");
        await Expect(desk.Locator("table.staff")).ToContainTextAsync("Guide");

        await desk.GotoAsync($"/desk/departures/{overlapping}");
        await desk.GetByLabel(new Regex("^E-mail \\(their")).FillAsync("guide@demo.kamhub.local");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Alert)).ToContainTextAsync("overlaps this one");
        await Expect(desk.Locator("main")).ToContainTextAsync("Nobody is assigned to this departure yet.");

        await desk.GotoAsync($"/desk/departures/{first}");
        await desk.Locator("table.staff").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Take off") }).ClickAsync();
        await Expect(desk.Locator("main")).ToContainTextAsync("Nobody is assigned to this departure yet.");
        var guide = await _factory.AsDemoAsync("guide");
        Assert.DoesNotContain(first.ToString(), await guide.GetStringAsync("/api/me/assignments"), StringComparison.Ordinal);
    }

    private const string Password = "Owner-Test-Password-1";

    private async Task<IPage> SignedInPageAsync(string email, string password = KamHubFactory.DemoPassword)
    {
        var context = await _browser.Instance.NewContextAsync(new() { BaseURL = _site.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Sign out") })).ToBeVisibleAsync();
        return page;
    }
}
