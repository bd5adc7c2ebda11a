namespace CheckoutConsole;

/// <summary>
/// The console's own switches, turned into configuration before the host reads its arguments:
/// <c>--durable</c> (or <c>--durable=path/to/file.db</c>) runs on a SQLite file instead of the
/// in-memory sandbox; <c>--postgres="Host=…;Database=…"</c> runs in team mode on PostgreSQL.
/// Everything else passes through (e.g. <c>--Database:Provider=Sqlite</c>).
/// </summary>
public static class CommandLine
{
    public const string DefaultDurableFile = "checkout-console.db";
    private const string Durable = "--durable";
    private const string Postgres = "--postgres";

    public static string[] Expand(string[] args) => [.. args.SelectMany(Expand)];

    public static bool IsBenchmark(string[] args) => args.Length > 0 && args[0] == "bench";

    private static string[] Expand(string arg) => arg switch
    {
        Durable => DurableSettings(DefaultDurableFile),
        _ when arg.StartsWith(Durable + "=", StringComparison.Ordinal) => DurableSettings(arg[(Durable.Length + 1)..]),
        // Without a connection string the domain says what it needs when it starts.
        Postgres => ["--Database:Provider=PostgreSQL"],
        _ when arg.StartsWith(Postgres + "=", StringComparison.Ordinal) => PostgresSettings(arg[(Postgres.Length + 1)..]),
        _ => [arg],
    };

    private static string[] DurableSettings(string file) =>
        ["--Database:Provider=Sqlite", $"--Database:ConnectionString=Data Source={file}"];

    private static string[] PostgresSettings(string connectionString) =>
        ["--Database:Provider=PostgreSQL", $"--Database:ConnectionString={connectionString}"];
}
