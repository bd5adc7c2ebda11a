using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CheckoutConsole.Tests.Durable;

/// <summary>The built console started as its own process (`--durable=file`, `--postgres=…`), so a test can kill it hard.</summary>
public sealed class ConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ConsoleProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Tests that start console processes run one class at a time: each start is a whole app's warm-up.</summary>
    public const string Collection = "Console processes";

    public string BaseUrl { get; }
    public int ProcessId => _process.Id;
    public HttpClient Http { get; }

    public string Output
    {
        get { lock (_output) { return string.Join('\n', _output); } }
    }

    public static Task<ConsoleProcess> StartAsync(string databaseFile, params string[] settings) =>
        StartWithAsync([$"--durable={databaseFile}", .. settings]);

    /// <summary>The console with exactly these arguments besides its URL.</summary>
    public static async Task<ConsoleProcess> StartWithAsync(params string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "exec", Path.Combine(AppDirectory, "CheckoutConsole.dll"), $"--urls=http://127.0.0.1:{port}" }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        var console = new ConsoleProcess(Process.Start(start)!, $"http://127.0.0.1:{port}");
        console._process.OutputDataReceived += (_, e) => console.Record(e.Data);
        console._process.ErrorDataReceived += (_, e) => console.Record(e.Data);
        console._process.BeginOutputReadLine();
        console._process.BeginErrorReadLine();
        await console.WaitUntilServingAsync();
        return console;
    }

    /// <summary>Stops the process at once, as a crash or a power cut would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    // Generous: on a machine busy with other builds a cold start has been seen to take over a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private static string AppDirectory { get; } =
        AppContext.BaseDirectory.Replace(
            $"{Path.DirectorySeparatorChar}CheckoutConsole.Tests{Path.DirectorySeparatorChar}",
            $"{Path.DirectorySeparatorChar}CheckoutConsole{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.Add(StartTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The console exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/services/data");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The console did not serve within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
