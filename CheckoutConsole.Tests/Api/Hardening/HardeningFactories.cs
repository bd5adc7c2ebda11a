namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>The whole app on a SQLite file of its own (durable mode), deleted with the factory.</summary>
public class SqliteApiFactory : ApiFactory
{
    public SqliteApiFactory() : this(null) { }

    protected SqliteApiFactory(IDictionary<string, string?>? settings) : this(Path.Combine(Path.GetTempPath(), $"cc-hardening-{Guid.NewGuid():N}.db"), settings) { }

    private SqliteApiFactory(string file, IDictionary<string, string?>? settings)
        : base(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={file}",
        }, null)
    {
        File = file;
    }

    public string File { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { File, File + "-wal", File + "-shm" })
        {
            System.IO.File.Delete(path);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The same app, with the settings a test class needs (and, if given, a clock the test moves by hand).</summary>
public class SettingsApiFactory(IDictionary<string, string?> settings, TestSupport.TestClock? clock = null) : ApiFactory(settings, clock);

/// <summary>Provider of a test case, so one theory runs on both shipped single-file providers.</summary>
public enum Store
{
    InMemory,
    Sqlite,
}

