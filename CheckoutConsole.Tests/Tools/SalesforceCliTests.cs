using System.Text.Json;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Tools;

/// <summary>The Salesforce CLI (sf 2.146), unmodified, against the running console.</summary>
public sealed class SalesforceCliTests(SalesforceToolsFixture tools) : IClassFixture<SalesforceToolsFixture>
{
    private const int IntegratorCarts = 6 + SalesforceToolsFixture.ExtraCarts;

    [SalesforceToolsFact]
    public async Task OrgLoginAccessToken_ThenOrgDisplay_ShowsTheConnectedEmulatorOrg()
    {
        var display = await Cli("org", "display", "--json");

        Assert.Equal(0, tools.Login.ExitCode);
        Assert.StartsWith("Successfully authorized integrator@console.example with org ID 00D", tools.Login.FirstLine);
        var result = Json(display).GetProperty("result");
        Assert.Equal(tools.Token.Split('!')[0], result.GetProperty("id").GetString()![..15]);
        Assert.Equal("integrator@console.example", result.GetProperty("username").GetString());
        Assert.Equal("Connected", result.GetProperty("connectedStatus").GetString());
    }

    [SalesforceToolsFact]
    public async Task OrgListLimits_ListsDailyApiRequests()
    {
        var table = await Cli("org", "list", "limits");
        var json = await Cli("org", "list", "limits", "--json");

        Assert.Contains("DailyApiRequests", table.Output);
        var requests = Json(json).GetProperty("result").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "DailyApiRequests");
        Assert.Equal(15_000, requests.GetProperty("max").GetInt32());
        Assert.True(requests.GetProperty("remaining").GetInt32() < 15_000);
    }

    [SalesforceToolsFact]
    public async Task DataQuery_Table_PrintsTheRecords()
    {
        var run = await Cli("data", "query", "-q", "SELECT Id, Name, Status FROM WebCart WHERE Name = 'Initech supplies'");

        Assert.Contains(tools.Demo.CarolGlobexCart, run.Output);
        Assert.Contains("Initech supplies", run.Output);
        Assert.Contains("Total number of records retrieved: 1.", run.Output);
    }

    [SalesforceToolsFact]
    public async Task DataQuery_JsonWithMoreThan2000Rows_FetchesEveryPage()
    {
        var run = await Cli("data", "query", "-q", "SELECT Id, Name FROM WebCart", "--json");

        var result = Json(run).GetProperty("result");
        Assert.Equal(IntegratorCarts, result.GetProperty("totalSize").GetInt32());
        Assert.Equal(IntegratorCarts, result.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()).Distinct().Count());
    }

    [SalesforceToolsFact]
    public async Task DataQuery_CsvWithParentField_WritesAHeaderAndOneLinePerRecord()
    {
        var run = await Cli("data", "query", "-q", $"SELECT Id, Sku, WebCart.Name FROM CartItem WHERE CartId = '{tools.Demo.AliceAcmeCart}'", "--result-format", "csv");
        var items = await tools.Client.QueryAsync($"SELECT Id FROM CartItem WHERE CartId = '{tools.Demo.AliceAcmeCart}'");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SkipWhile(l => !l.StartsWith("Id,", StringComparison.Ordinal)).ToList();
        Assert.Equal("Id,Sku,WebCart.Name", lines[0]);
        Assert.Equal(items.Json.GetProperty("totalSize").GetInt32(), lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",Alice's office restock", l));
    }

    [SalesforceToolsFact]
    public async Task DataQuery_Count_PrintsTheTotal()
    {
        var run = await Cli("data", "query", "-q", "SELECT COUNT() FROM WebCart");

        Assert.Contains($"Total number of records retrieved: {IntegratorCarts}.", run.Output);
    }

    [SalesforceToolsFact]
    public async Task DataGetRecord_ByIdAndByWhere_FindsTheCart()
    {
        var byId = await Cli("data", "get", "record", "-s", "WebCart", "-i", tools.Demo.BobCart, "--json");
        var byWhere = await Cli("data", "get", "record", "-s", "WebCart", "-w", "Name='Initech supplies'", "--json");

        Assert.Equal("Bob's desk setup", Json(byId).GetProperty("result").GetProperty("Name").GetString());
        Assert.Equal(tools.Demo.CarolGlobexCart, Json(byWhere).GetProperty("result").GetProperty("Id").GetString());
    }

    [SalesforceToolsFact]
    public async Task DataUpdateRecord_Session_GoesThroughTheSessionUpdate()
    {
        var run = await Cli("data", "update", "record", "-s", "CartCheckoutSession", "-i", tools.CliSessionId, "-v", "State='Inventory' NextState='Confirm Price'");
        var session = await tools.Client.GetRecordAsync("CartCheckoutSession", tools.CliSessionId);
        var refused = await Cli("data", "update", "record", "-s", "CartCheckoutSession", "-i", tools.CliSessionId, "-v", "IsArchived=true");

        Assert.Contains($"Successfully updated record: {tools.CliSessionId}", run.Output);
        Assert.Equal("Inventory", session.Json.GetProperty("State").GetString());
        Assert.Equal("Confirm Price", session.Json.GetProperty("NextState").GetString());
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Unable to create/update fields: IsArchived", refused.Output + refused.Error);
    }

    [SalesforceToolsFact]
    public async Task SObjectDescribe_Session_ListsTheFlowStatesAsPicklistValues()
    {
        var run = await Cli("sobject", "describe", "-s", "CartCheckoutSession");

        var describe = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("CartCheckoutSession", describe.GetProperty("name").GetString());
        var state = describe.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "State");
        Assert.Contains("Authorize Payment", state.GetProperty("picklistValues").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
    }

    [SalesforceToolsFact]
    public async Task SObjectList_NamesTheCheckoutObjectsAndOrganization()
    {
        var run = await Cli("sobject", "list");

        var names = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("CartCheckoutSession", names);
        Assert.Contains("WebCart", names);
        Assert.Contains("Organization", names);
    }

    [SalesforceToolsFact]
    public async Task DataExportTree_CartWithItems_WritesThePlan()
    {
        var folder = Path.Combine(tools.Home, "tree");

        var run = await Cli("data", "export", "tree", "-q", $"SELECT Id, Name, (SELECT Id, Sku FROM CartItems) FROM WebCart WHERE Id = '{tools.Demo.AliceAcmeCart}'", "-d", folder);

        var file = Assert.Single(Directory.GetFiles(folder, "*.json"));
        var records = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.GetProperty("records");
        Assert.Equal("Alice's office restock", records[0].GetProperty("Name").GetString());
        Assert.True(records[0].GetProperty("CartItems").GetProperty("records").GetArrayLength() >= 2);
        Assert.Contains("wrote 1 records", run.Output);
    }

    [SalesforceToolsFact]
    public async Task DataExportBulk_EveryCart_WritesACsvOfAllRows()
    {
        var file = Path.Combine(tools.Home, "carts.csv");

        var run = await Cli("data", "export", "bulk", "-q", "SELECT Id, Name FROM WebCart", "--output-file", file, "--wait", "5");

        var lines = (await File.ReadAllLinesAsync(file)).Where(l => l.Length > 0).ToList();
        Assert.Equal("Id,Name", lines[0]);
        Assert.Equal(IntegratorCarts, lines.Count - 1);
        Assert.Contains($"{IntegratorCarts} records written", run.Output);
    }

    [SalesforceToolsFact]
    public async Task ApiRequestRest_GetAndPostOfAnAction_AnswerAsTheApi()
    {
        var get = await Cli("api", "request", "rest", "/services/data/v62.0/limits");
        var post = await Cli("api", "request", "rest", "/services/data/v62.0/actions/standard/checkoutSessionAction", "--method", "POST",
            "--body", $$"""{"inputs":[{"cartId":"{{tools.Demo.CarolGlobexCart}}"}]}""");

        Assert.Equal(15_000, JsonDocument.Parse(get.Output).RootElement.GetProperty("DailyApiRequests").GetProperty("Max").GetInt32());
        var result = JsonDocument.Parse(post.Output).RootElement[0];
        Assert.True(result.GetProperty("isSuccess").GetBoolean());
        Assert.StartsWith("2z9", result.GetProperty("outputValues").GetProperty("requestId").GetString());
    }

    private async Task<ToolRun> Cli(params string[] arguments)
    {
        var run = await tools.CliAsync([.. arguments, "--target-org", SalesforceToolsFixture.Alias]);
        Assert.True(run.ExitCode == 0 || arguments.Contains("IsArchived=true"), $"sf {string.Join(' ', arguments)} exited {run.ExitCode}: {SalesforceTools.Tail(run.Output + run.Error)}");
        return run;
    }

    private static JsonElement Json(ToolRun run) => JsonDocument.Parse(run.Output).RootElement;
}
