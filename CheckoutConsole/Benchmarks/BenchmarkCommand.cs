using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project CheckoutConsole -- bench [--quick] [--runs N] [--only SECTION]
/// [--providers InMemory,Sqlite,PostgreSQL] [--postgres "Host=…;Username=…"] [--scale N] [--no-browser] [--out file.json]`:
/// measures in one run and prints a table (and writes JSON). Every figure is the median of N runs
/// in this process with the lowest and highest run beside it, printed next to the reference it is
/// compared with and its target. Figures, not assertions: the targets are never enforced.
/// Sections: domain (actions vs the bare EF work, complete checkout, race), scale (the same at
/// 1,000 and at 50,000 carts), api (REST from a separate load-generator process against the
/// console in its own process), start (process start to first page), memory (per open page).
/// </summary>
public static class BenchmarkCommand
{
    private const double KB = 1024;
    private const string PostgreSql = DatabaseOptions.PostgreSql;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options.Error is not null)
        {
            Console.Error.WriteLine(options.Error);
            return 2;
        }

        var report = new BenchmarkReport(Machine(), options.Runs);
        Console.WriteLine($"CheckoutConsole benchmark: {report.Machine}");
        Console.WriteLine($"Each figure: median of {options.Runs} runs in this process (lowest–highest run in brackets). Load average at start: {LoadAverage()}.");
#if DEBUG
        Console.WriteLine("WARNING: Debug build. Run with -c Release for representative figures.");
#endif

        var stopped = new List<string>();
        foreach (var provider in options.Wants("domain") ? options.Providers : [])
        {
            await SectionAsync("domain", provider, stopped, async () =>
            {
                await WarmUpAsync(provider, options);
                await MeasureDomainAsync(report, provider, options);
            });
        }

        foreach (var provider in options.Wants("scale") ? options.Providers : [])
        {
            await SectionAsync("scale", provider, stopped, () => MeasureScaleAsync(report, provider, options));
        }

        foreach (var provider in options.Wants("api") ? options.Providers : [])
        {
            await SectionAsync("api", provider, stopped, () => MeasureApiAsync(report, provider, options));
        }

        if (options.Wants("start"))
        {
            await SectionAsync("start", DatabaseOptions.InMemory, stopped, () => MeasureStartAsync(report, options));
        }

        if (options.Wants("memory"))
        {
            await SectionAsync("memory", DatabaseOptions.InMemory, stopped, () => MeasureMemoryAsync(report, options));
        }

        PrintSummary(report);
        foreach (var line in stopped)
        {
            Console.WriteLine(line);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutFile))!);
        await File.WriteAllTextAsync(options.OutFile, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine($"Wrote {Path.GetFullPath(options.OutFile)}");
        return stopped.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// One section on one provider. A section that fails (a database refusing connections, a console
    /// that doesn't start) is reported in a line, with what it expected and what happened, and the
    /// remaining sections still run; the command then exits with 1.
    /// </summary>
    private static async Task SectionAsync(string section, string provider, List<string> stopped, Func<Task> measure)
    {
        try
        {
            await measure();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var cause = e;
            while (cause.InnerException is not null)
            {
                cause = cause.InnerException;
            }

            var hint = cause is Npgsql.PostgresException { SqlState: "53300" }
                ? " The PostgreSQL server allows too few connections: the 1,000-way race and the REST load need max_connections of 300 or more."
                : "";
            var line = $"STOPPED {section} on {provider}: expected it to finish, but it failed with {cause.GetType().Name}: {cause.Message}.{hint}";
            Console.WriteLine();
            Console.WriteLine(line);
            stopped.Add(line);
        }
    }

    /// <summary>
    /// Runs every measured path for a few seconds on a throwaway database, then pauses, so the JIT's
    /// tiered compilation has promoted the hot code before anything is measured.
    /// </summary>
    private static async Task WarmUpAsync(string provider, BenchOptions options)
    {
        var until = DateTime.UtcNow.AddSeconds(options.Quick ? 2 : 5);
        await using var bench = await DomainBenchmarks.CreateAsync(provider, options.Postgres);
        do
        {
            await bench.MeasureActionsAsync(10);
            await bench.MeasureCompleteCheckoutAsync(3);
            await bench.MeasurePageReadsAsync(10);
        }
        while (DateTime.UtcNow < until);

        await bench.MeasureRaceAsync(100);
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static async Task MeasureDomainAsync(BenchmarkReport report, string provider, BenchOptions options)
    {
        var allocationTarget = provider == DatabaseOptions.InMemory ? 128 : 64;
        Console.WriteLine();
        Console.WriteLine($"{provider}: the five actions through the domain service vs the bare EF work (the same reads and writes, no checks, no timeline), {options.Iterations} carts per run");
        Console.WriteLine($"  {"action",-28} {"median ms",-22} {"p99 ms",-22} {"bare EF median ms",-22} {"overhead (≤ 3x)",-22} {$"KB/call (≤ {allocationTarget})",-22} bare EF KB/call");
        {
            var runs = await DomainBenchmarks.MeasureActionRunsAsync(provider, options.Postgres, options.Iterations, options.Runs);
            foreach (var action in runs[0].Select(a => a.Action))
            {
                var perRun = runs.Select(r => r.Single(a => a.Action == action)).ToList();
                var median = Repeated.Of(perRun.Select(r => r.Service.MedianMs));
                var p99 = Repeated.Of(perRun.Select(r => r.Service.P99Ms));
                var bare = Repeated.Of(perRun.Select(r => r.Bare.MedianMs));
                var overhead = Repeated.Of(perRun.Select(r => r.Service.MedianMs / r.Bare.MedianMs));
                var allocated = Repeated.Of(perRun.Select(r => r.AllocatedBytesPerCall / KB));
                var bareAllocated = Repeated.Of(perRun.Select(r => r.BareAllocatedBytesPerCall / KB));
                Console.WriteLine($"  {action,-28} {median.Format("0.000"),-22} {p99.Format("0.00"),-22} {bare.Format("0.000"),-22} {overhead.Format() + "x",-22} {allocated.Format("0.0"),-22} bare {bareAllocated.Format("0.0")}");
                report.Add("actions", provider, $"{action} median ms", median, $"bare EF {bare.Format("0.000")} ms", "overhead ≤ 3x", overhead.Median <= 3);
                report.Add("actions", provider, $"{action} KB allocated per call", allocated, $"bare EF {bareAllocated.Format("0.0")} KB", $"≤ {allocationTarget} KB", allocated.Median <= allocationTarget);
            }
        }

        {
            var runs = new List<Samples>();
            for (var run = 0; run < options.Runs; run++)
            {
                // A fresh database each run, as for the actions: each run measures the same data size.
                await using var bench = await DomainBenchmarks.CreateAsync(provider, options.Postgres);
                runs.Add(await bench.MeasureCompleteCheckoutAsync(options.Checkouts));
            }

            var median = Repeated.Of(runs.Select(r => r.MedianMs));
            var p99 = Repeated.Of(runs.Select(r => r.P99Ms));
            var target = provider == DatabaseOptions.InMemory ? 10 : double.NaN;
            Console.WriteLine($"  complete checkout, Start to Order Confirmation, tasks inline ({options.Checkouts} per run): median {median.Format()} ms, p99 {p99.Format()} ms" +
                (double.IsNaN(target) ? "" : $"   [target median < {target} ms: {Met(median.Median < target)}]"));
            report.Add("checkout", provider, "complete checkout median ms", median, $"p99 {p99.Format()} ms", double.IsNaN(target) ? "" : $"< {target} ms", double.IsNaN(target) ? null : median.Median < target);
        }

        await using (var bench = await DomainBenchmarks.CreateAsync(provider, options.Postgres))
        {
            var runs = new List<DomainBenchmarks.RaceFigures>();
            for (var run = 0; run < options.Runs; run++)
            {
                runs.Add(await bench.MeasureRaceAsync(1000));
            }

            var elapsed = Repeated.Of(runs.Select(r => r.ElapsedMs));
            var oneWinner = runs.All(r => r.Winners == 1 && r.Conflicts == r.Callers - 1);
            Console.WriteLine($"  1,000 concurrent updateCheckoutSessionAction calls on one session: winners {string.Join("/", runs.Select(r => r.Winners))}, " +
                $"CHECKOUT_CONFLICT {string.Join("/", runs.Select(r => r.Conflicts))}, all answered in {elapsed.Format("0")} ms   [target 1 winner within 2 s: {Met(oneWinner && elapsed.Median < 2000)}]");
            report.Add("race", provider, "1,000-way race ms", elapsed, oneWinner ? "1 winner, 999 conflicts each run" : "NOT one winner", "1 winner, < 2,000 ms", oneWinner && elapsed.Median < 2000);
        }

        if (provider == DatabaseOptions.InMemory)
        {
            await MeasureResetAsync(report, provider, options);
        }
    }

    /// <summary>The control API's POST /emulator/v1/reset (its domain work) back to the demo data, a checkout started before each.</summary>
    private static async Task MeasureResetAsync(BenchmarkReport report, string provider, BenchOptions options)
    {
        var resets = options.Quick ? 40 : 100;
        await using var bench = await DomainBenchmarks.CreateAsync(provider, options.Postgres);
        var runs = new List<Samples>();
        for (var run = 0; run < options.Runs; run++)
        {
            runs.Add(await bench.MeasureResetAsync(resets));
        }

        var median = Repeated.Of(runs.Select(r => r.MedianMs));
        var p90 = Repeated.Of(runs.Select(r => r.Percentile(0.90)));
        Console.WriteLine($"  emulator reset to the demo data ({resets} per run, a checkout started before each): median {median.Format()} ms, p90 {p90.Format()} ms   [target median < 50 ms: {Met(median.Median < 50)}]");
        report.Add("reset", provider, "emulator reset median ms", median, $"p90 {p90.Format()} ms", "< 50 ms", median.Median < 50);
    }

    private static async Task MeasureScaleAsync(BenchmarkReport report, string provider, BenchOptions options)
    {
        var limit = provider == DatabaseOptions.InMemory ? 2.0 : 1.5;
        Console.WriteLine();
        Console.WriteLine($"{provider}: flat with data, each action and the checkout page's re-read at {options.SmallScale:N0} and at {options.LargeScale:N0} carts " +
            $"(each with lines, sessions, an operation and timeline), {options.ScaleIterations} calls per run   [target ratio ≤ {limit}x]");
        await using var bench = await DomainBenchmarks.CreateAsync(provider, options.Postgres);
        var started = DateTime.UtcNow;
        await bench.GrowToAsync(options.SmallScale);
        var small = await MeasureAtScaleAsync(bench, options);
        await bench.GrowToAsync(options.LargeScale);
        Console.WriteLine($"  (grew to {options.LargeScale:N0} carts through the domain in {(DateTime.UtcNow - started).TotalSeconds:0} s)");
        var large = await MeasureAtScaleAsync(bench, options);

        Console.WriteLine($"  {"measure",-30} {$"at {options.SmallScale:N0} ms",-22} {$"at {options.LargeScale:N0} ms",-22} {"ratio",-22} {"met",-5}");
        foreach (var (measure, atSmall) in small)
        {
            var atLarge = large[measure];
            var ratio = Repeated.Of(atLarge.Zip(atSmall, (l, s) => l / s));
            var smallFigure = Repeated.Of(atSmall);
            var largeFigure = Repeated.Of(atLarge);
            Console.WriteLine($"  {measure,-30} {smallFigure.Format("0.000"),-22} {largeFigure.Format("0.000"),-22} {ratio.Format() + "x",-22} {Met(ratio.Median <= limit),-5}");
            report.Add("scale", provider, $"{measure} at {options.LargeScale:N0} / at {options.SmallScale:N0} carts", ratio,
                $"{largeFigure.Format("0.000")} ms vs {smallFigure.Format("0.000")} ms", $"≤ {limit}x", ratio.Median <= limit);
        }
    }

    /// <summary>Per measure, one median per run.</summary>
    private static async Task<Dictionary<string, List<double>>> MeasureAtScaleAsync(DomainBenchmarks bench, BenchOptions options)
    {
        var figures = new Dictionary<string, List<double>>();
        for (var run = 0; run < options.Runs; run++)
        {
            foreach (var (action, samples) in await bench.MeasureServiceActionsAsync(options.ScaleIterations))
            {
                Add(action, samples.MedianMs);
            }

            Add("checkout page re-read", (await bench.MeasurePageReadsAsync(options.ScaleIterations)).MedianMs);
        }

        return figures;

        void Add(string measure, double value)
        {
            if (!figures.TryGetValue(measure, out var list))
            {
                figures[measure] = list = [];
            }

            list.Add(value);
        }
    }

    private const string ServerWarmUpSeconds = "20";

    private static async Task MeasureApiAsync(BenchmarkReport report, string provider, BenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"{provider}: REST over loopback, the console in its own process, the load from a separate load-generator process");
        var file = provider == DatabaseOptions.Sqlite ? Path.Combine(Path.GetTempPath(), $"checkout-bench-api-{Guid.NewGuid():N}.db") : null;
        var database = provider == PostgreSql ? $"checkout_bench_api_{Guid.NewGuid():N}" : null;
        string[] settings = provider switch
        {
            DatabaseOptions.Sqlite => [$"--Database:Provider={provider}", $"--Database:ConnectionString=Data Source={file}"],
            PostgreSql => [$"--Database:Provider={provider}", $"--Database:ConnectionString={DomainBenchmarks.WithDatabase(options.Postgres!, database!)}"],
            _ => [$"--Database:Provider={provider}"],
        };
        try
        {
            if (database is not null)
            {
                await DomainBenchmarks.CreateDatabaseAsync(DomainBenchmarks.WithDatabase(options.Postgres!, database));
            }

            await using var server = await ServerProcess.StartBuiltAsync([.. settings, "--Checkout:TaskLatencyMs=0"], TimeSpan.FromSeconds(120));
            var seconds = options.Quick ? "2" : "8";
            if (!options.Quick)
            {
                // A server just started still compiles its hot code again, optimized (tiered JIT), on a
                // background thread for tens of seconds under load; that is start-up, not a call's cost.
                await server.RunLoadAsync("--mode", "actions", "--clients", "32", "--seconds", ServerWarmUpSeconds, "--warmup", "0");
                Console.WriteLine($"  (the server was first warmed up with {ServerWarmUpSeconds} s of the same load, not measured)");
            }

            var actions = new List<LoadGenerator.LoadFigures>();
            var serverCpu = new List<double>();
            for (var run = 0; run < options.Runs; run++)
            {
                var cpuBefore = server.CpuTime;
                var figures = await server.RunLoadAsync("--mode", "actions", "--clients", "32", "--seconds", seconds, "--warmup", options.Quick ? "1" : "3");
                actions.Add(figures);
                serverCpu.Add((server.CpuTime - cpuBefore).TotalMilliseconds / figures.AllCalls);
            }

            var rate = Repeated.Of(actions.Select(a => a.PerSecond));
            var median = Repeated.Of(actions.Select(a => a.MedianMs));
            var p99 = Repeated.Of(actions.Select(a => a.P99Ms));
            var failures = actions.Sum(a => a.Failures);
            var inMemory = provider == DatabaseOptions.InMemory;
            Console.WriteLine($"  updateCheckoutSessionStateAction, 32 connections, {seconds} s per run: {rate.Format("0")} calls/s, median {median.Format()} ms, p99 {p99.Format()} ms, " +
                $"{failures} failed{(failures > 0 ? $" (first: {actions.First(a => a.FirstFailure is not null).FirstFailure})" : "")}" +
                (inMemory ? $"   [target ≥ 3,000/s: {Met(rate.Median >= 3000)}, p99 < 20 ms: {Met(p99.Median < 20)}]" : ""));
            // CPU time per call (set-up and warm-up calls included) hardly moves with the machine's load: on 2 cores the
            // server's and the load generator's together bound the rate at about 2,000 / (server + client) calls/s.
            var serverMs = Repeated.Of(serverCpu);
            var clientMs = Repeated.Of(actions.Select(a => a.CpuMs / a.AllCalls));
            Console.WriteLine($"    CPU time per call: server {serverMs.Format("0.000")} ms, load generator {clientMs.Format("0.000")} ms");
            report.Add("rest", provider, "server CPU ms per action call", serverMs, $"load generator {clientMs.Format("0.000")} ms per call", "", null);
            report.Add("rest", provider, "action calls/s, 32 connections", rate, $"median {median.Format()} ms", inMemory ? "≥ 3,000/s" : "", inMemory ? rate.Median >= 3000 : null);
            report.Add("rest", provider, "action call p99 ms, 32 connections", p99, null, inMemory ? "< 20 ms" : "", inMemory ? p99.Median < 20 : null);

            if (provider == PostgreSql)
            {
                // Team mode: a second instance on the same database, the 32 connections spread over both.
                await using var second = await ServerProcess.StartBuiltAsync([.. settings, "--Checkout:TaskLatencyMs=0"], TimeSpan.FromSeconds(120));
                var both = new List<LoadGenerator.LoadFigures>();
                for (var run = 0; run < options.Runs; run++)
                {
                    both.Add(await ServerProcess.RunLoadAsync([server, second], "--mode", "actions", "--clients", "32", "--seconds", seconds, "--warmup", options.Quick ? "1" : "3"));
                }

                var rate2 = Repeated.Of(both.Select(a => a.PerSecond));
                var median2 = Repeated.Of(both.Select(a => a.MedianMs));
                var p992 = Repeated.Of(both.Select(a => a.P99Ms));
                var failures2 = both.Sum(a => a.Failures);
                Console.WriteLine($"  the same on two instances of one database (16 connections each): {rate2.Format("0")} calls/s, median {median2.Format()} ms, p99 {p992.Format()} ms, " +
                    $"{failures2} failed{(failures2 > 0 ? $" (first: {both.First(a => a.FirstFailure is not null).FirstFailure})" : "")}");
                report.Add("rest", provider, "action calls/s, 32 connections, 2 instances", rate2, $"median {median2.Format()} ms, p99 {p992.Format()} ms; 1 instance {rate.Format("0")}/s", "", null);
            }

            foreach (var clients in new[] { 1, 16 })
            {
                var checkouts = new List<LoadGenerator.LoadFigures>();
                for (var run = 0; run < options.Runs; run++)
                {
                    checkouts.Add(await server.RunLoadAsync("--mode", "checkout", "--clients", clients.ToString(CultureInfo.InvariantCulture),
                        "--count", (options.Quick ? 2 : clients == 1 ? 30 : 8).ToString(CultureInfo.InvariantCulture), "--seconds", options.Quick ? "10" : "30"));
                }

                var perCheckout = Repeated.Of(checkouts.Select(c => c.MedianMs));
                var perSecond = Repeated.Of(checkouts.Select(c => c.PerSecond));
                var failed = checkouts.Sum(c => c.Failures);
                Console.WriteLine($"  complete checkout over REST (runAsync:false, zero task latency), {clients} client{(clients == 1 ? "" : "s")} on separate carts: " +
                    $"median {perCheckout.Format("0.0")} ms per checkout, {perSecond.Format("0.0")} checkouts/s, {checkouts.Sum(c => c.Calls)} checkouts, {failed} failed" +
                    (failed > 0 ? $" (first: {checkouts.First(c => c.FirstFailure is not null).FirstFailure})" : ""));
                report.Add("rest", provider, $"complete checkout over REST, {clients} client(s): checkouts/s", perSecond, $"median {perCheckout.Format("0.0")} ms per checkout", "", null);
            }
        }
        finally
        {
            if (file is not null)
            {
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }
            }

            if (database is not null)
            {
                await DomainBenchmarks.DropDatabaseAsync(PostgreSql, DomainBenchmarks.WithDatabase(options.Postgres!, database));
            }
        }
    }

    private static async Task MeasureStartAsync(BenchmarkReport report, BenchOptions options)
    {
        Console.WriteLine();
        var starts = options.Quick ? 1 : 5;
        var built = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            await using var server = await ServerProcess.StartBuiltAsync([], TimeSpan.FromSeconds(120));
            built.Add(server.Startup.TotalSeconds);
            cpu.Add(server.CpuTime.TotalSeconds);
        }

        var figure = Repeated.Of(built);
        var cpuFigure = Repeated.Of(cpu);
        var (precompiled, packages) = ReadyToRunImages.CountPackages(AppContext.BaseDirectory);
        var run = new List<double>();
        for (var i = 0; i < (options.Quick ? 0 : 3); i++)
        {
            var starting = ServerProcess.StartWithDotnetRun([], TimeSpan.FromSeconds(300));
            if (starting is null)
            {
                break;
            }

            await using var server = await starting;
            run.Add(server.Startup.TotalSeconds);
        }

        var dotnetRun = Repeated.Of(run);
        Console.WriteLine($"Start, process start to the first page served (InMemory with the demo data), {starts} starts: `dotnet CheckoutConsole.dll` (Release) {figure.Format()} s" +
            $"   [target median ≤ 2 s: {Met(figure.Median <= 2)}]; `dotnet run -c Release` (build check included) {(run.Count == 0 ? "not measured" : dotnetRun.Format() + " s")}");
        Console.WriteLine($"  the console's CPU time (all threads) to the first page: {cpuFigure.Format()} s; the packages' assemblies precompiled (ReadyToRun): {precompiled} of {packages}");
        report.Add("start", "InMemory", "process start to first page s", figure, run.Count == 0 ? null : $"dotnet run {dotnetRun.Format()} s", "≤ 2 s", figure.Median <= 2);
        report.Add("start", "InMemory", "CPU time to first page s", cpuFigure, $"{precompiled} of {packages} package assemblies ReadyToRun", "", null);
    }

    private static async Task MeasureMemoryAsync(BenchmarkReport report, BenchOptions options)
    {
        Console.WriteLine();
        var chromium = ChromiumLocator.Find();
        if (options.NoBrowser || chromium is null)
        {
            Console.WriteLine($"Memory per open checkout page: skipped ({(options.NoBrowser ? "--no-browser" : "Chromium not found, set CHROMIUM_PATH")})");
            return;
        }

        await using var host = await BenchmarkHost.StartAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseOptions.InMemory,
            ["Database:Name"] = "bench-memory",
            ["Checkout:TaskLatencyMs"] = "0",
        });
        var runs = new List<MemoryBenchmark.MemoryFigures>();
        try
        {
            for (var run = 0; run < options.Runs; run++)
            {
                runs.Add(await MemoryBenchmark.RunAsync(host, chromium, options.Pages));
            }
        }
        catch (TimeoutException e) when (runs.Count > 0)
        {
            Console.WriteLine($"Memory per open checkout page: run {runs.Count + 1} stopped ({e.Message}); the figure below is from {runs.Count} run(s).");
        }

        var perPage = Repeated.Of(runs.Select(r => r.BytesPerPage / KB));
        Console.WriteLine($"Memory per open checkout page ({options.Pages} Chromium pages per run): {perPage.Format("0")} KB managed heap   [target ≤ 2 MB: {Met(perPage.Median <= 2048)}]");
        report.Add("memory", "InMemory", "managed heap per open checkout page KB", perPage, null, "≤ 2,048 KB", perPage.Median <= 2048);
    }

    private static void PrintSummary(BenchmarkReport report)
    {
        Console.WriteLine();
        Console.WriteLine("Targets:");
        foreach (var row in report.Rows.Where(r => r.Met is not null))
        {
            Console.WriteLine($"  {(row.Met == true ? "met " : "MISS")}  {row.Provider,-10} {row.Measure,-62} {row.Value.Format(),-26} {row.Target}");
        }
    }

    private static string Met(bool met) => met ? "met" : "MISSED";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Machine() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

    public sealed record Row(string Section, string Provider, string Measure, Repeated Value, string? Reference, string Target, bool? Met);

    public sealed class BenchmarkReport(string machine, int runs)
    {
        public string Machine { get; } = machine;
        public int Runs { get; } = runs;
        public List<Row> Rows { get; } = [];

        public void Add(string section, string provider, string measure, Repeated value, string? reference, string target, bool? met) =>
            Rows.Add(new Row(section, provider, measure, value, reference, target, met));
    }

    private sealed record BenchOptions(
        bool Quick, int Runs, string? Only, IReadOnlyList<string> Providers, string? Postgres, int Iterations, int Checkouts,
        int SmallScale, int LargeScale, int ScaleIterations, int Pages, bool NoBrowser, string OutFile, string? Error)
    {
        private static readonly string[] Sections = ["domain", "scale", "api", "start", "memory"];

        public bool Wants(string section) => Only is null || Only.Split(',').Contains(section);

        public static BenchOptions Parse(string[] args)
        {
            string? Value(string name)
            {
                var index = Array.IndexOf(args, name);
                return index >= 0 && index + 1 < args.Length ? args[index + 1] : args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
            }

            var quick = args.Contains("--quick");
            var postgres = Value("--postgres");
            var only = Value("--only");
            var providers = (Value("--providers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                ?? [DatabaseOptions.InMemory, DatabaseOptions.Sqlite, .. postgres is null ? Array.Empty<string>() : [PostgreSql]]).ToList();
            var runs = int.TryParse(Value("--runs"), CultureInfo.InvariantCulture, out var r) ? r : 3;
            var scale = int.TryParse(Value("--scale"), CultureInfo.InvariantCulture, out var s) ? s : quick ? 1000 : 50_000;
            string? error = null;
            if (only is not null && only.Split(',').Any(o => !Sections.Contains(o)))
            {
                error = $"--only: expected one or more of {string.Join(", ", Sections)} (comma-separated); found '{only}'.";
            }
            else if (providers.FirstOrDefault(p => p is not (DatabaseOptions.InMemory or DatabaseOptions.Sqlite or PostgreSql)) is { } unknown)
            {
                error = $"--providers: expected {DatabaseOptions.InMemory}, {DatabaseOptions.Sqlite} or {PostgreSql}; found '{unknown}'.";
            }
            else if (providers.Contains(PostgreSql) && postgres is null)
            {
                error = "--providers PostgreSQL needs --postgres \"Host=…;Port=…;Username=…\" (a server where the bench may create and drop databases).";
            }
            else if (runs is < 1 or > 20 || scale is < 10 or > 1_000_000)
            {
                error = $"--runs must be 1 to 20 and --scale 10 to 1,000,000; found {runs} and {scale}.";
            }

            return new BenchOptions(quick, runs, only, providers, postgres,
                Iterations: quick ? 40 : 200, Checkouts: quick ? 10 : 50,
                SmallScale: quick ? 100 : 1000, LargeScale: scale, ScaleIterations: quick ? 20 : 100,
                Pages: quick ? 5 : 50, NoBrowser: args.Contains("--no-browser"),
                OutFile: Value("--out") ?? Path.Combine("bench-results", "bench.json"), error);
        }
    }
}
