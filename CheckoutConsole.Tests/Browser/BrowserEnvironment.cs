using CheckoutConsole.Benchmarks;

namespace CheckoutConsole.Tests.Browser;

/// <summary>
/// Where Chromium is. Browser tests are skipped with the reason when it is missing, except under
/// CI=true, where a missing browser must fail the run rather than hide it.
/// </summary>
public static class BrowserEnvironment
{
    public static string? ChromiumPath { get; } = ChromiumLocator.Find();

    public static bool IsCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason =>
        ChromiumPath is null && !IsCi
            ? "Chromium not found (set CHROMIUM_PATH or install the Debian 'chromium' package); browser tests skipped."
            : null;
}

public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        Skip = BrowserEnvironment.SkipReason;
    }
}
