using System.Text.Json;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.Api;
using CheckoutConsole.Tests.Browser;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Tools;

/// <summary>
/// The real console on a real port with 2,050 extra carts of Alice's (so the integrator's queries
/// need more than one page), the tools installed, and the CLI logged in with an integrator's token
/// under the alias "emulator", in a HOME of its own.
/// </summary>
public sealed class SalesforceToolsFixture : IAsyncLifetime
{
    public const int ExtraCarts = 2_050;
    public const string Alias = "emulator";

    private ConsoleServer? _server;

    public string BaseUrl => _server!.BaseUrl;

    public DemoWorld Demo { get; private set; } = default!;

    public string Token { get; private set; } = "";

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "checkout-console-sf-home-" + Guid.NewGuid().ToString("N"));

    public ToolRun Login { get; private set; } = default!;

    /// <summary>The open checkout session of Alice's Acme cart (for the CLI) and of Bob's cart (for jsforce).</summary>
    public string CliSessionId { get; private set; } = "";

    public string JsforceSessionId { get; private set; } = "";

    public SalesforceClient Client { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (SalesforceTools.SkipReason is not null)
        {
            return;
        }

        var install = SalesforceTools.EnsureInstalledAsync();
        _server = new ConsoleServer();
        await _server.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Demo = await DemoWorld.LoadAsync(() => _server.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CheckoutDbContext>>().CreateDbContext());
        await ManyCarts.CreateAsync(_server.Services, Demo.UserId(DemoData.Alice), Demo.AcmeStoreId, Demo.AcmeAccountId, ExtraCarts);
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Token = await SalesforceClient.RequestTokenAsync(http, DemoData.Integrator, DemoData.Passwords[DemoData.Integrator]);
        Client = new SalesforceClient(http, Token);
        CliSessionId = (await Client.InvokeAsync("checkoutSessionAction", new { cartId = Demo.AliceAcmeCart })).Output("requestId")!;
        JsforceSessionId = (await Client.InvokeAsync("checkoutSessionAction", new { cartId = Demo.BobCart })).Output("requestId")!;
        Directory.CreateDirectory(Home);
        await install;
        Login = await CliAsync(["org", "login", "access-token", "--instance-url", BaseUrl, "--no-prompt", "--alias", Alias],
            new Dictionary<string, string?> { ["SF_ACCESS_TOKEN"] = Token });
    }

    public Task<ToolRun> CliAsync(IEnumerable<string> arguments, IDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["PATH"] = $"{SalesforceTools.NodeBin}:{SalesforceTools.ModulesBin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["SF_DISABLE_TELEMETRY"] = "true",
            ["SF_AUTOUPDATE_DISABLE"] = "true",
            ["SF_SKIP_NEW_VERSION_CHECK"] = "true",
            ["SF_HIDE_RELEASE_NOTES"] = "true",
            ["SF_USE_PROGRESS_BAR"] = "false",
            ["NO_COLOR"] = "1",
            ["FORCE_COLOR"] = "0",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return SalesforceTools.RunAsync(Path.Combine(SalesforceTools.ModulesBin, "sf"), arguments, environment, Home, TimeSpan.FromMinutes(3));
    }

    /// <summary>Runs the jsforce script with the system's Node and returns what it observed, as JSON.</summary>
    public async Task<(ToolRun Run, JsonElement Observed)> JsforceAsync(IDictionary<string, string?> inputs)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Tools", "jsforce-check.cjs");
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["NODE_PATH"] = Path.Combine(SalesforceTools.Folder, "node_modules"),
            ["INSTANCE_URL"] = BaseUrl,
            ["ACCESS_TOKEN"] = Token,
        };
        foreach (var (name, value) in inputs)
        {
            environment[name] = value;
        }

        var run = await SalesforceTools.RunAsync("node", [script], environment, Home, TimeSpan.FromMinutes(3));
        var observed = run.ExitCode == 0 ? JsonDocument.Parse(run.Output).RootElement.Clone() : default;
        return (run, observed);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
