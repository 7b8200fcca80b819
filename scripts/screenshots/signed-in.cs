#:package Microsoft.Playwright
#:property PublishAot=false
// The signed-in pages for docs/screenshots (scripts/screenshots.sh runs this): Debian's Chromium driven by Playwright
// (no browser download), signed in as the demo operator, the admin and the demo tourist of a fresh demo start.
// Usage: dotnet run scripts/screenshots/signed-in.cs -- <site> <out dir> <admin password> <demo password>
using System.Text.RegularExpressions;
using Microsoft.Playwright;

var (site, output, adminPassword, demoPassword) = (args[0], args[1], args[2], args[3]);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });

await ShootAsync("operator@demo.kamhub.local", demoPassword, async page =>
{
    var tour = await page.GotoAsync("/desk") is not null ? await page.Locator("table a[href^='/desk/tours/']").First.GetAttributeAsync("href") : null;
    await page.GotoAsync(tour!);
    var departure = await page.Locator("a[href^='/desk/departures/']").First.GetAttributeAsync("href");
    return [("desk", "/desk"), ("desk-tour", tour!), ("desk-departure", departure + "?cancel=true"), ("desk-money", "/desk/money"), ("desk-new-tour", "/desk/tours/edit")];
});
await ShootAsync("tourist@demo.kamhub.local", demoPassword, page => Task.FromResult<(string, string)[]>([("my-bookings", "/bookings"), ("notification-preferences", "/me/notifications")]));
await ShootAsync("admin@kamhub.local", adminPassword, async page =>
{
    await page.GotoAsync("/console/events?types=booking.created");
    var booking = await page.Locator("td a[href^='/console/events?aggregateId=']").First.TextContentAsync();
    return [("console", "/console"), ("console-events", "/console/events"), ("console-timeline", $"/console/bookings/{booking!.Trim()}"), ("console-flags", "/console/flags")];
});

async Task ShootAsync(string email, string password, Func<IPage, Task<(string Name, string Path)[]>> pages)
{
    foreach (var (size, width, height) in new[] { ("desktop", 1280, 1000), ("phone", 390, 844) })
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = site, Locale = "en-US", ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Sign out") }).WaitForAsync();
        foreach (var (name, path) in await pages(page))
        {
            await page.GotoAsync(path);
            await page.ScreenshotAsync(new() { Path = Path.Combine(output, $"{name}-{size}.png") });
        }
    }
}
