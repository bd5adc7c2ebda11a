using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Loader;
using CheckoutConsole.Tests.Browser;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CheckoutConsole.Tests.Api.Emulator.Replay;

/// <summary>A process's exit code and everything it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>The tools the exports run with: bash, node with jsforce (installed once into a cached temp folder), Roslyn.</summary>
public static class ReplayTools
{
    public const string JsforceVersion = "3.10.16";

    /// <summary>Where jsforce is installed for these tests (outside the repository, reused across runs).</summary>
    public static string JsforceFolder { get; } = Path.Combine(Path.GetTempPath(), $"checkoutconsole-jsforce-{JsforceVersion}");

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>
    /// Null when the jsforce replay can run: node and npm are on the PATH and jsforce is installed or the
    /// npm registry answers. Under CI=true never a reason: a missing tool must fail the run, not hide it.
    /// </summary>
    public static string? JsforceSkipReason { get; } = FindJsforceSkipReason();

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} didn't finish:\n{await stdout}\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Installs jsforce into <see cref="JsforceFolder"/> unless it is there already.</summary>
    public static async Task EnsureJsforceAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(JsforceFolder, "node_modules", "jsforce", "package.json")))
            {
                return;
            }

            Directory.CreateDirectory(JsforceFolder);
            var install = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", $"jsforce@{JsforceVersion}"],
                JsforceFolder, timeout: TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm install jsforce@{JsforceVersion} failed:\n{install.Output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Compiles a C# source file (with the implicit usings of an SDK project) against this process's assemblies.</summary>
    public static Assembly Compile(string source, string assemblyName)
    {
        const string ImplicitUsings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;
            """;
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat([typeof(FactAttribute).Assembly.Location, typeof(Assert).Assembly.Location])
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(assemblyName,
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse), CSharpSyntaxTree.ParseText(source, parse)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success && problems.Count == 0, "The exported xUnit class doesn't compile cleanly:\n" + string.Join('\n', problems));
        image.Position = 0;
        return new AssemblyLoadContext(assemblyName, isCollectible: true).LoadFromStream(image);
    }

    private static string? FindJsforceSkipReason()
    {
        if (BrowserEnvironment.IsCi)
        {
            return null;
        }

        if (!OnPath("node") || !OnPath("npm"))
        {
            return "node and npm aren't on the PATH; the jsforce replay is skipped.";
        }

        if (File.Exists(Path.Combine(JsforceFolder, "node_modules", "jsforce", "package.json")))
        {
            return null;
        }

        return RegistryAnswers() ? null : "The npm registry can't be reached and jsforce isn't installed; the jsforce replay is skipped.";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static bool RegistryAnswers()
    {
        try
        {
            var configured = Process.Start(new ProcessStartInfo("npm", "config get registry") { RedirectStandardOutput = true })!;
            var registry = new Uri(configured.StandardOutput.ReadToEnd().Trim());
            configured.WaitForExit();
            using var client = new TcpClient();
            return client.ConnectAsync(registry.Host, registry.Port).Wait(TimeSpan.FromSeconds(3)) && client.Connected;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or UriFormatException or AggregateException or SocketException)
        {
            return false;
        }
    }
}

public sealed class JsforceFactAttribute : FactAttribute
{
    public JsforceFactAttribute()
    {
        Skip = ReplayTools.JsforceSkipReason;
    }
}
