namespace CheckoutConsole.Domain.Data;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string InMemory = "InMemory";
    public const string Sqlite = "Sqlite";

    /// <summary>InMemory (the default, a sandbox) or Sqlite (durable when ConnectionString names a file).</summary>
    public string Provider { get; set; } = InMemory;

    /// <summary>For Sqlite, e.g. "Data Source=checkout.db"; for InMemory, unused.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The InMemory database's name; databases with the same name share state within a process.</summary>
    public string Name { get; set; } = "CheckoutConsole";

    /// <summary>Load the demo data of SPEC §7 when the database is empty.</summary>
    public bool SeedDemoData { get; set; } = true;

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);
}
