using Microsoft.Playwright;

namespace KamHub.IntegrationTests.Web;

/// <summary>
/// Debian's Chromium (installed by scripts/ensure-tools.sh), driven headless by Playwright's bundled driver: no browser
/// download. One per test class; each test gets its own context (cookies).
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;

    public IBrowser Instance { get; private set; } = null!;

    public static async Task<Browser> LaunchAsync()
    {
        var browser = new Browser { _playwright = await Playwright.CreateAsync() };
        browser.Instance = await browser._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI containers: Chromium's sandbox needs user namespaces it does not get there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
