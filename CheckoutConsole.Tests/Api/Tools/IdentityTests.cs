using System.Net;
using System.Text.RegularExpressions;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Tools;

/// <summary>What the Salesforce CLI checks before it stores a login: the token's shape, userinfo, the user record.</summary>
public sealed partial class IdentityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Token_IsShapedAsTheSalesforceCliRequires_OrgIdBangOpaque()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var bob = await factory.LoginAsync(DemoData.Bob);

        Assert.Matches(CliTokenPattern(), alice.Token);
        Assert.StartsWith("00D", alice.Token);
        Assert.NotEqual(alice.Token.Split('!')[1], bob.Token.Split('!')[1]);
    }

    [Fact]
    public async Task UserInfo_WithAToken_NamesTheTokensUserAndOrg()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync("/services/oauth2/userinfo");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(factory.Demo.UserId(DemoData.Alice), response.Json.GetProperty("user_id").GetString());
        Assert.Equal(alice.Token.Split('!')[0], response.Json.GetProperty("organization_id").GetString()![..15]);
        Assert.Equal("alice@acme.example", response.Json.GetProperty("preferred_username").GetString());
        Assert.Equal("Alice Adams", response.Json.GetProperty("name").GetString());
        Assert.EndsWith($"/id/{response.Json.GetProperty("organization_id").GetString()}/{factory.Demo.UserId(DemoData.Alice)}", response.Json.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task UserInfo_WithoutAToken_Returns401InvalidSessionId()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.SendAsync(HttpMethod.Get, "/services/oauth2/userinfo", null, authorization: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("INVALID_SESSION_ID", response.ErrorCode);
    }

    [Fact]
    public async Task UserRecord_OwnUser_IsReadableButAnotherBuyersIsNot()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var own = await alice.GetRecordAsync("User", factory.Demo.UserId(DemoData.Alice));
        var bobs = await alice.GetRecordAsync("User", factory.Demo.UserId(DemoData.Bob));

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal("alice@acme.example", own.Json.GetProperty("Username").GetString());
        Assert.Equal(HttpStatusCode.NotFound, bobs.Status);
        Assert.Equal("NOT_FOUND", bobs.ErrorCode);
    }

    [Fact]
    public async Task Identity_FromTheResourceList_AnswersForTheTokensUser()
    {
        var carol = await factory.LoginAsync(DemoData.Carol);

        var resources = await carol.GetAsync(SalesforceClient.Data + "/");
        var identityUrl = new Uri(resources.Json.GetProperty("identity").GetString()!);
        var identity = await carol.GetAsync(identityUrl.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, identity.Status);
        Assert.Equal("carol@initech.example", identity.Json.GetProperty("username").GetString());
        Assert.Equal(factory.Demo.UserId(DemoData.Carol), identity.Json.GetProperty("user_id").GetString());
    }

    [GeneratedRegex(@"^(00D\w{12,15})![.\w]*$")]
    private static partial Regex CliTokenPattern();
}
