namespace CheckoutConsole.Benchmarks;

/// <summary>Where Chromium is: CHROMIUM_PATH when set, else the usual install paths (Debian's package first).</summary>
public static class ChromiumLocator
{
    private static readonly string[] UsualPaths =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    /// <summary>
    /// The machine has no network but loopback: without these Chromium keeps trying to reach
    /// Google's services, and as root it needs --no-sandbox.
    /// </summary>
    public static IReadOnlyList<string> QuietArguments { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return UsualPaths.FirstOrDefault(File.Exists);
    }
}
