namespace CheckoutConsole.Domain.Data;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string InMemory = "InMemory";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>The assembly holding the PostgreSQL migrations (SQLite's live beside the context).</summary>
    public const string PostgreSqlMigrationsAssembly = "CheckoutConsole.Migrations.PostgreSQL";

    /// <summary>
    /// InMemory (the default, a sandbox), Sqlite (durable when ConnectionString names a file) or
    /// PostgreSQL (team mode: any number of instances on one database).
    /// </summary>
    public string Provider { get; set; } = InMemory;

    /// <summary>For Sqlite, e.g. "Data Source=checkout.db"; for PostgreSQL, "Host=…;Database=…"; for InMemory, unused.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The InMemory database's name; databases with the same name share state within a process.</summary>
    public string Name { get; set; } = "CheckoutConsole";

    /// <summary>Load the demo data of SPEC §7 when the database is empty.</summary>
    public bool SeedDemoData { get; set; } = true;

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    public bool IsInMemory => string.Equals(Provider, InMemory, StringComparison.OrdinalIgnoreCase);
}
