using CheckoutConsole.Benchmarks;
using Microsoft.Playwright;

namespace CheckoutConsole.Tests.Browser;

/// <summary>One Chromium process for the whole browser suite; each test gets fresh contexts.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(
        BrowserEnvironment.IsCi
            ? "CI=true but Chromium was not found: install the Debian 'chromium' package or set CHROMIUM_PATH."
            : "Chromium is not running.");

    public async Task InitializeAsync()
    {
        if (BrowserEnvironment.ChromiumPath is null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserEnvironment.ChromiumPath,
            Headless = true,
            Args = ChromiumLocator.QuietArguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
