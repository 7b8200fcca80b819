using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KamHub.IntegrationTests.Web;

/// <summary>The tourist site in a real headless Chromium, on one host and one browser for the class.</summary>
public sealed class TouristBrowserTests : IAsyncLifetime
{
    private readonly WebFactory _factory = new(kestrel: true);
    private Browser _browser = null!;
    private Uri _site = null!;

    public async Task InitializeAsync()
    {
        _site = _factory.Listening();
        _browser = await Browser.LaunchAsync();
        SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Tourist_SearchesBooksTwoSeatsPaysAndCancels_UnderThePolicy()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("What are you looking for?").FillAsync("volcano");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var first = page.Locator(".cards .card h2 a").First;
        await Expect(first).ToContainTextAsync(new Regex("volcano", RegexOptions.IgnoreCase));
        await first.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cancellation policy" })).ToBeVisibleAsync();
        await page.Locator("a.button", new() { HasText = "Book" }).First.ClickAsync();
        await SignInAsync(page, "tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book seats" })).ToBeVisibleAsync();

        // Bad input first: the errors name their fields, and what was typed is still there.
        await page.GetByLabel("Contact e-mail").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book and pay" }).ClickAsync();
        await Expect(page.Locator("#participants-error")).ToContainTextAsync("Participants");
        await Expect(page.Locator("#email-error")).ToContainTextAsync("Contact e-mail");
        await Expect(page.GetByLabel("Contact e-mail")).ToHaveValueAsync("not-an-email");
        await Expect(page.GetByLabel("Contact e-mail")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Adults").FillAsync("2");
        await page.GetByLabel("Participants (one name per line)").FillAsync("Anna Petrova\nIvan Petrov");
        await page.GetByLabel("Contact e-mail").FillAsync("tourist@demo.kamhub.local");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book and pay" }).ClickAsync();

        // The hold counts down live on the payment page.
        var countdown = page.GetByRole(AriaRole.Timer);
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^· \d+:\d\d left$"));
        var shown = await countdown.TextContentAsync();
        await Expect(countdown).Not.ToHaveTextAsync(shown!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay (test card)" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Confirmed");
        var reference = await page.Locator("#reference").TextContentAsync();
        Assert.Matches("^KH-[A-Z0-9]{4}-[A-Z0-9]{4}$", reference);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(reference!);

        await page.GotoAsync("/bookings");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Cancelled");
        await Expect(page.Locator("#refund")).ToContainTextAsync(new Regex(@"Refund .+ \((100|50|0) %\)"));
    }

    [Fact]
    public async Task SignUp_WithBadInput_NamesTheFieldsAndKeepsWhatWasTyped()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("Your name").FillAsync("Olga");
        await page.GetByLabel("E-mail").FillAsync("olga-at-example");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).Last.ClickAsync();

        await Expect(page.Locator("#email-error")).ToContainTextAsync("E-mail");
        await Expect(page.Locator("#password-error")).ToContainTextAsync("Password");
        await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Olga");
        await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync("olga-at-example");
    }

    [Fact]
    public async Task LanguageSwitch_ChangesThePageAndIsRemembered()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Find a tour in Kamchatka");
        await page.GetByRole(AriaRole.Link, new() { Name = "Русский" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Найдите тур по Камчатке");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");

        await page.GotoAsync("/account/signin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Войти");
    }

    [Fact]
    public async Task Tourist_CannotOpenTheDeskOrTheConsole()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/signin");
        await SignInAsync(page, "tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        foreach (var path in new[] { "/desk", "/console" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Not for your account");
        }
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.Instance.NewContextAsync(new() { BaseURL = _site.ToString(), Locale = "en-US" });
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Sign out") })).ToBeVisibleAsync();
    }
}
