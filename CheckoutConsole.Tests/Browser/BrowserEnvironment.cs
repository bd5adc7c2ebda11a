namespace CheckoutConsole.Tests.Browser;

/// <summary>
/// Where Chromium is. Browser tests are skipped with the reason when it is missing, except under
/// CI=true, where a missing browser must fail the run rather than hide it.
/// </summary>
public static class BrowserEnvironment
{
    private static readonly string[] UsualPaths =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public static string? ChromiumPath { get; } = FindChromium();

    public static bool IsCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason =>
        ChromiumPath is null && !IsCi
            ? "Chromium not found (set CHROMIUM_PATH or install the Debian 'chromium' package); browser tests skipped."
            : null;

    private static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return UsualPaths.FirstOrDefault(File.Exists);
    }
}

public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        Skip = BrowserEnvironment.SkipReason;
    }
}
