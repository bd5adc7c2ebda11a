using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project CheckoutConsole -- bench [--quick] [--out file.json] [--no-browser]`:
/// measures in one run and prints a table (and writes JSON). Figures, not assertions: the targets
/// are printed beside them for a reader, never enforced.
/// </summary>
public static class BenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var noBrowser = args.Contains("--no-browser");
        var onlyIndex = Array.IndexOf(args, "--only");
        var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
        var outIndex = Array.IndexOf(args, "--out");
        var outFile = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine("bench-results", "bench.json");
        var iterations = quick ? 40 : 300;
        var checkouts = quick ? 20 : 100;
        var apiDuration = TimeSpan.FromSeconds(quick ? 2 : 8);
        var pages = quick ? 5 : 50;
        var report = new BenchmarkReport(Machine());
        Console.WriteLine($"CheckoutConsole benchmark: {report.Machine}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build. Run with -c Release for representative figures.");
#endif

        foreach (var provider in only is null or "domain" ? [DatabaseOptions.InMemory, DatabaseOptions.Sqlite] : Array.Empty<string>())
        {
            await WarmUpAsync(provider, quick);

            // Each figure on a fresh database of the demo data plus what the run itself creates.
            await using (var bench = await DomainBenchmarks.CreateAsync(provider))
            {
                foreach (var figure in await bench.MeasureActionsAsync(iterations))
                {
                    report.Actions.Add(new(provider, figure.Action, figure.Service.MedianMs, figure.Service.P99Ms, figure.Bare.MedianMs, figure.Bare.P99Ms,
                        figure.Service.MedianMs / figure.Bare.MedianMs, figure.AllocatedBytesPerCall));
                }
            }

            await using (var bench = await DomainBenchmarks.CreateAsync(provider))
            {
                var complete = await bench.MeasureCompleteCheckoutAsync(checkouts);
                report.CompleteCheckout.Add(new(provider, complete.Count, complete.MedianMs, complete.P99Ms));
            }

            await using (var bench = await DomainBenchmarks.CreateAsync(provider))
            {
                var race = await bench.MeasureRaceAsync(1000);
                report.Races.Add(new(provider, race.Callers, race.Winners, race.Conflicts, race.ElapsedMs));
            }

            if (provider == DatabaseOptions.InMemory)
            {
                await using var bench = await DomainBenchmarks.CreateAsync(provider);
                var resets = await bench.MeasureResetAsync(quick ? 40 : 200);
                report.Resets.Add(new(provider, resets.Count, resets.MedianMs, resets.Percentile(0.90), resets.P99Ms));
            }

            PrintDomain(report, provider);
        }

        if (only is null or "api" or "memory")
        {
            await using var host = await BenchmarkHost.StartAsync(new Dictionary<string, string?>
            {
                ["Database:Provider"] = DatabaseOptions.InMemory,
                ["Database:Name"] = "bench-api",
                ["Checkout:TaskLatencyMs"] = "0",
            });
            if (only is null or "api")
            {
                await ApiBenchmark.RunAsync(host, 32, TimeSpan.FromSeconds(quick ? 1 : 3));
                report.Api = await ApiBenchmark.RunAsync(host, 32, apiDuration);
                Console.WriteLine();
                Console.WriteLine($"REST API over loopback, {report.Api.Clients} clients, {report.Api.Seconds:0.0} s: {report.Api.CallsPerSecond:N0} action calls/s, " +
                    $"median {report.Api.MedianMs:0.00} ms, p99 {report.Api.P99Ms:0.00} ms, {report.Api.Failures} failed   [target >= 2,000/s, p99 < 25 ms]");
            }

            if (only is null or "memory")
            {
                await MeasureMemoryAsync(report, host, noBrowser, pages);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
        await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine($"Wrote {Path.GetFullPath(outFile)}");
        return 0;
    }

    /// <summary>
    /// Runs every measured path for a few seconds on a throwaway database, then pauses, so the JIT's
    /// tiered compilation has promoted the hot code before anything is measured.
    /// </summary>
    private static async Task WarmUpAsync(string provider, bool quick)
    {
        var until = DateTime.UtcNow.AddSeconds(quick ? 2 : 5);
        await using var bench = await DomainBenchmarks.CreateAsync(provider);
        do
        {
            await bench.MeasureActionsAsync(10);
            await bench.MeasureCompleteCheckoutAsync(3);
        }
        while (DateTime.UtcNow < until);

        await bench.MeasureRaceAsync(100);
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static async Task MeasureMemoryAsync(BenchmarkReport report, BenchmarkHost host, bool noBrowser, int pages)
    {
        var chromium = ChromiumLocator.Find();
        if (noBrowser || chromium is null)
        {
            report.MemoryNote = noBrowser ? "skipped (--no-browser)" : "skipped: Chromium not found (set CHROMIUM_PATH)";
            Console.WriteLine($"Memory per open checkout page: {report.MemoryNote}");
            return;
        }

        report.Memory = await MemoryBenchmark.RunAsync(host, chromium, pages);
        Console.WriteLine($"Memory per open checkout page ({report.Memory.Pages} Chromium pages): {report.Memory.BytesPerPage / 1024:N0} KB managed heap " +
            $"(heap {report.Memory.HeapBeforeBytes / 1048576.0:0.0} → {report.Memory.HeapAfterBytes / 1048576.0:0.0} MB; working set +{report.Memory.WorkingSetDeltaBytes / 1048576.0:0.0} MB)   [target <= 2 MB]");
    }

    private static void PrintDomain(BenchmarkReport report, string provider)
    {
        Console.WriteLine();
        Console.WriteLine($"{provider}: actions through the domain service vs the bare EF work (ms)   [target: median < 0.5 ms on InMemory, overhead <= 3x]");
        Console.WriteLine($"  {"action",-30} {"median",8} {"p99",8} {"bare med",9} {"bare p99",9} {"overhead",9} {"alloc/call",11}");
        foreach (var a in report.Actions.Where(a => a.Provider == provider))
        {
            Console.WriteLine($"  {a.Action,-30} {a.MedianMs,8:0.000} {a.P99Ms,8:0.000} {a.BareMedianMs,9:0.000} {a.BareP99Ms,9:0.000} {a.Overhead,8:0.00}x {a.AllocatedBytesPerCall / 1024,8:N1} KB");
        }

        var complete = report.CompleteCheckout.Single(c => c.Provider == provider);
        Console.WriteLine($"  complete checkout, Start to Order Confirmation ({complete.Count}x, zero task latency): median {complete.MedianMs:0.00} ms, p99 {complete.P99Ms:0.00} ms   [target median < 10 ms]");
        var race = report.Races.Single(r => r.Provider == provider);
        foreach (var reset in report.Resets.Where(r => r.Provider == provider))
        {
            Console.WriteLine($"  emulator reset to the demo data ({reset.Count}x, a checkout started before each): median {reset.MedianMs:0.00} ms, p90 {reset.P90Ms:0.00} ms, p99 {reset.P99Ms:0.00} ms   [target median < 50 ms]");
        }

        Console.WriteLine($"  {race.Callers:N0} concurrent updateCheckoutSessionAction calls on one session: {race.Winners} winner, {race.Conflicts} CHECKOUT_CONFLICT, all answered in {race.ElapsedMs:N0} ms   [target: 1 winner within 2 s]");
    }

    private static string Machine() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

    public sealed record ActionRow(string Provider, string Action, double MedianMs, double P99Ms, double BareMedianMs, double BareP99Ms, double Overhead, double AllocatedBytesPerCall);

    public sealed record CheckoutRow(string Provider, int Count, double MedianMs, double P99Ms);

    public sealed record ResetRow(string Provider, int Count, double MedianMs, double P90Ms, double P99Ms);

    public sealed record RaceRow(string Provider, int Callers, int Winners, int Conflicts, double ElapsedMs);

    public sealed class BenchmarkReport(string machine)
    {
        public string Machine { get; } = machine;
        public List<ActionRow> Actions { get; } = [];
        public List<CheckoutRow> CompleteCheckout { get; } = [];
        public List<RaceRow> Races { get; } = [];
        public List<ResetRow> Resets { get; } = [];
        public ApiBenchmark.ApiFigures? Api { get; set; }
        public MemoryBenchmark.MemoryFigures? Memory { get; set; }
        public string? MemoryNote { get; set; }
    }
}
