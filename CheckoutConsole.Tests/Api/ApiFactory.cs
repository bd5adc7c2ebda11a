using System.Collections.Concurrent;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api;

/// <summary>
/// The whole app in process (TestServer), with its own InMemory database, the demo data, zero task
/// latency and fast login throttling. Tests talk to it over HTTP only; arrangement that the API
/// can't express reaches the app's own services (faults, the database).
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;
    private readonly ConcurrentDictionary<string, Task<SalesforceClient>> _clients = new();
    private readonly ConcurrentDictionary<string, Task<string>> _shared = new();

    public ApiFactory() : this(null, null) { }

    protected ApiFactory(IDictionary<string, string?>? settings, TestClock? clock)
    {
        Clock = clock;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "InMemory",
            ["Database:Name"] = $"api-{Guid.NewGuid():N}",
            ["Checkout:TaskLatencyMs"] = "0",
            ["Api:LoginFailureDelayMs"] = "20",
            ["Api:LoginFailureMaxDelayMs"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestClock? Clock { get; }

    public DemoWorld Demo { get; private set; } = default!;

    public FaultInjector Faults => Services.GetRequiredService<FaultInjector>();

    public CheckoutDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<CheckoutDbContext>>().CreateDbContext();

    /// <summary>A client logged in as the user through POST /services/oauth2/token; one login per user and factory.</summary>
    public Task<SalesforceClient> LoginAsync(string username) =>
        _clients.GetOrAdd(username, async name =>
        {
            var http = CreateClient();
            var token = await SalesforceClient.RequestTokenAsync(http, name, DemoData.Passwords[name]);
            return new SalesforceClient(http, token);
        });

    /// <summary>Arrangement that many tests may share because nothing they do changes it (e.g. a closed cart).</summary>
    public Task<string> SharedAsync(string key, Func<Task<string>> arrange) => _shared.GetOrAdd(key, _ => arrange());

    public virtual async Task InitializeAsync()
    {
        // WebApplicationFactory stops Program at Build(), before it initializes the database.
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Demo = await DemoWorld.LoadAsync(NewContext);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}
