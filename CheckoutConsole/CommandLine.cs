namespace CheckoutConsole;

/// <summary>
/// The console's own switches, turned into configuration before the host reads its arguments:
/// <c>--durable</c> (or <c>--durable=path/to/file.db</c>) runs on a SQLite file instead of the
/// in-memory sandbox; <c>--scenario=path.json</c> starts from (and resets to) a scenario file instead of
/// the demo data. Everything else passes through (e.g. <c>--Database:Provider=Sqlite</c>).
/// </summary>
public static class CommandLine
{
    public const string DefaultDurableFile = "checkout-console.db";

    public static string[] Expand(string[] args) =>
    [
        .. args.SelectMany(arg => arg == "--durable" || arg.StartsWith("--durable=", StringComparison.Ordinal)
            ? DurableSettings(arg.Length > "--durable=".Length ? arg["--durable=".Length..] : DefaultDurableFile)
            : arg.StartsWith(ScenarioSwitch, StringComparison.Ordinal)
                ? [$"--Emulator:ScenarioFile={arg[ScenarioSwitch.Length..]}"]
                : [arg]),
    ];

    private const string ScenarioSwitch = "--scenario=";

    public static bool IsBenchmark(string[] args) => args.Length > 0 && args[0] == "bench";

    private static string[] DurableSettings(string file) =>
        ["--Database:Provider=Sqlite", $"--Database:ConnectionString=Data Source={file}"];
}
