using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Tools;

/// <summary>What clients discover before they query: resources, versions, objects, describes, the org and its limits.</summary>
public sealed class DiscoveryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ResourceList_NamesWhatSalesforceClientsLookUp()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync(SalesforceClient.Data + "/");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        foreach (var (name, path) in new[] { ("limits", "/limits"), ("composite", "/composite"), ("query", "/query"), ("queryAll", "/queryAll"), ("sobjects", "/sobjects"), ("actions", "/actions") })
        {
            Assert.Equal(SalesforceClient.Data + path, response.Json.GetProperty(name).GetString());
        }

        Assert.Matches(@"^http://[^/]+/id/00D\w{15}/005\w{15}$", response.Json.GetProperty("identity").GetString());
    }

    [Fact]
    public async Task Organization_IsOneSandboxRecordEveryCallerMayRead()
    {
        var dave = await factory.LoginAsync(DemoData.Dave);

        var response = await dave.QueryAsync("SELECT Id, Name, InstanceName, IsSandbox, OrganizationType, NamespacePrefix, TrialExpirationDate FROM Organization");
        var byId = await dave.GetRecordAsync("Organization", dave.Token.Split('!')[0]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var org = Assert.Single(response.Json.GetProperty("records").EnumerateArray());
        Assert.StartsWith(dave.Token.Split('!')[0], org.GetProperty("Id").GetString());
        Assert.Equal("Checkout Console", org.GetProperty("Name").GetString());
        Assert.Equal("LOCAL", org.GetProperty("InstanceName").GetString());
        Assert.True(org.GetProperty("IsSandbox").GetBoolean());
        Assert.Equal("Developer Edition", org.GetProperty("OrganizationType").GetString());
        Assert.Equal(JsonValueKind.Null, org.GetProperty("NamespacePrefix").ValueKind);
        Assert.Equal(HttpStatusCode.OK, byId.Status);
    }

    [Fact]
    public async Task SObjectBasicInfo_GivesTheObjectDescribeAndNoFields()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync(SalesforceClient.Data + "/sobjects/CartCheckoutSession");
        var unknown = await alice.GetAsync(SalesforceClient.Data + "/sobjects/Opportunity");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var describe = response.Json.GetProperty("objectDescribe");
        Assert.Equal("CartCheckoutSession", describe.GetProperty("name").GetString());
        Assert.Equal("2z9", describe.GetProperty("keyPrefix").GetString());
        Assert.Equal(0, response.Json.GetProperty("recentItems").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("NOT_FOUND", unknown.ErrorCode);
    }

    [Fact]
    public async Task Describe_SessionState_ListsEveryStateOfTheFlowAsPicklistValues()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync(SalesforceClient.Data + "/sobjects/CartCheckoutSession/describe");

        var state = Field(response.Json, "State");
        Assert.Equal("picklist", state.GetProperty("type").GetString());
        Assert.Equal(
            ["Start", "Inventory", "Confirm Price", "Calculate Promotions", "Shipping Cost", "Delivery Method", "Taxes", "Payment And Billing Address",
             "Checkout Summary", "Cart To Order", "Authorize Payment", "Activate Order", "Order Confirmation", "Complete", "Error"],
            state.GetProperty("picklistValues").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.True(state.GetProperty("updateable").GetBoolean());
        Assert.False(state.GetProperty("createable").GetBoolean());
        Assert.Equal(255, state.GetProperty("length").GetInt32());
        var cart = Field(response.Json, "WebCartId");
        Assert.Equal("reference", cart.GetProperty("type").GetString());
        Assert.Equal(["WebCart"], cart.GetProperty("referenceTo").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("WebCart", cart.GetProperty("relationshipName").GetString());
        Assert.False(Field(response.Json, "IsArchived").GetProperty("updateable").GetBoolean());
    }

    [Fact]
    public async Task Describe_CartStatus_ListsTheFiveStatusesAndTheCartsChildRelationships()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync(SalesforceClient.Data + "/sobjects/WebCart/describe");

        Assert.Equal(["Active", "Checkout", "Processing", "Closed", "PendingDelete"],
            Field(response.Json, "Status").GetProperty("picklistValues").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        var children = response.Json.GetProperty("childRelationships").EnumerateArray()
            .ToDictionary(c => c.GetProperty("relationshipName").GetString()!, c => c.GetProperty("childSObject").GetString());
        Assert.Equal("CartItem", children["CartItems"]);
        Assert.Equal("CartCheckoutSession", children["CartCheckoutSessions"]);
    }

    [Fact]
    public async Task Limits_ReportDailyApiRequestsUsedSoFar()
    {
        var bob = await factory.LoginAsync(DemoData.Bob);

        var before = await bob.GetAsync(SalesforceClient.Data + "/limits");
        await bob.QueryAsync("SELECT Id FROM WebStore");
        var after = await bob.GetAsync(SalesforceClient.Data + "/limits");

        Assert.Equal(HttpStatusCode.OK, after.Status);
        var requests = after.Json.GetProperty("DailyApiRequests");
        Assert.Equal(15_000, requests.GetProperty("Max").GetInt32());
        var remainingBefore = before.Json.GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt32();
        Assert.True(requests.GetProperty("Remaining").GetInt32() <= remainingBefore - 2, "the query and the second limits call were counted");
        Assert.True(after.Json.TryGetProperty("DailyBulkV2QueryJobs", out _));
        Assert.True(after.Json.TryGetProperty("DataStorageMB", out _));
    }

    private static JsonElement Field(JsonElement describe, string name) =>
        describe.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
}
