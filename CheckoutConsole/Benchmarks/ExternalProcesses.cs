using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// The console as its own process (`dotnet CheckoutConsole.dll` from the build output, or `dotnet
/// run`), started on a free loopback port and polled until its first page answers; and the load
/// generator as another process. Every process is killed (with its children) when done.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string baseUrl, TimeSpan startup)
    {
        _process = process;
        BaseUrl = baseUrl;
        Startup = startup;
    }

    public string BaseUrl { get; }

    /// <summary>From Process.Start to the first 200 from "/" (the home page, rendered by the server).</summary>
    public TimeSpan Startup { get; }

    /// <summary>`dotnet CheckoutConsole.dll …` from this build's output folder, in Production.</summary>
    public static Task<ServerProcess> StartBuiltAsync(IEnumerable<string> settings, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return StartAsync(start, settings, timeout);
    }

    /// <summary>`dotnet run -c Release --project …` as the README starts it (its launch profile, so Development), or null outside a source tree.</summary>
    public static Task<ServerProcess>? StartWithDotnetRun(IEnumerable<string> settings, TimeSpan timeout)
    {
        var project = ProjectDirectory();
        if (project is null)
        {
            return null;
        }

        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = project };
        foreach (var argument in new[] { "run", "-c", "Release", "--project", project, "--" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        return StartAsync(start, settings, timeout);
    }

    private static async Task<ServerProcess> StartAsync(ProcessStartInfo start, IEnumerable<string> settings, TimeSpan timeout)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        foreach (var setting in settings.Append($"--urls={baseUrl}").Append("--Logging:LogLevel:Default=Warning"))
        {
            start.ArgumentList.Add(setting);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(baseUrl + "/");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ServerProcess(process, baseUrl, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        var exited = process.HasExited;
        await StopAsync(process);
        throw new InvalidOperationException(
            $"The console didn't serve its first page within {timeout.TotalSeconds:0} s ({(exited ? "it exited" : "still running")}); its last output: {string.Join(" | ", output.TakeLast(5))}");

        void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
                while (output.Count > 50 && output.TryDequeue(out _))
                {
                }
            }
        }
    }

    /// <summary>Runs the load generator in its own process against this server and reads its one line of figures.</summary>
    public Task<LoadGenerator.LoadFigures> RunLoadAsync(params string[] options) => RunLoadAsync([this], options);

    /// <summary>The load generator against several instances of one database, its clients spread over them in turn.</summary>
    public static async Task<LoadGenerator.LoadFigures> RunLoadAsync(IReadOnlyList<ServerProcess> servers, params string[] options)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var urls = string.Join(',', servers.Select(s => s.BaseUrl));
        foreach (var argument in new[] { typeof(ServerProcess).Assembly.Location, LoadGenerator.Command, "--url", urls }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The load generator ran longer than 5 minutes.");
        }

        var line = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return process.ExitCode == 0 && line is not null
            ? JsonSerializer.Deserialize<LoadGenerator.LoadFigures>(line)!
            : throw new InvalidOperationException($"The load generator failed (exit {process.ExitCode}): {await stderr}");
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process);

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    /// <summary>The project folder when this runs from its build output (bin/Configuration/framework/).</summary>
    private static string? ProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (var up = 0; up < 4 && directory is not null; up++, directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CheckoutConsole.csproj")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
