using System.Net;
using System.Security.Cryptography;
using System.Text;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api;

public sealed class OAuthTokenTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static Dictionary<string, string> PasswordGrant(string username, string password) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = SalesforceClient.ClientId,
        ["client_secret"] = SalesforceClient.ClientSecret,
        ["username"] = username,
        ["password"] = password,
    };

    [Fact]
    public async Task Token_DemoUserAndClient_ReturnsTheFieldsSalesforceClientsRead()
    {
        var http = factory.CreateClient();

        var response = await SalesforceClient.PostTokenAsync(http, PasswordGrant(DemoData.Alice, "alice-demo"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        var instanceUrl = json.GetProperty("instance_url").GetString()!;
        var id = json.GetProperty("id").GetString()!;
        var issuedAt = json.GetProperty("issued_at").GetString()!;
        Assert.Equal("http://localhost", instanceUrl);
        Assert.Equal($"{instanceUrl}/id/{ApiOrganization.Id}/{factory.Demo.UserId(DemoData.Alice)}", id);
        Assert.StartsWith("00D", ApiOrganization.Id);
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.True(long.TryParse(issuedAt, out _));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("access_token").GetString()));
        var expectedSignature = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(SalesforceClient.ClientSecret), Encoding.UTF8.GetBytes(id + issuedAt)));
        Assert.Equal(expectedSignature, json.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task Token_Issued_AuthorizesDataCallsAsThatUser()
    {
        var http = factory.CreateClient();
        var token = (await SalesforceClient.PostTokenAsync(http, PasswordGrant(DemoData.Bob, "bob-demo"))).Json.GetProperty("access_token").GetString()!;
        var bob = new SalesforceClient(http, token);

        var me = await bob.QueryAsync("SELECT Id, Username FROM User");

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(DemoData.Bob, me.Json.GetProperty("records")[0].GetProperty("Username").GetString());
        Assert.Equal(1, me.Json.GetProperty("totalSize").GetInt32());
    }

    [Theory]
    [InlineData(DemoData.Alice, "wrong-password")]
    [InlineData("nobody@acme.example", "alice-demo")]
    [InlineData("", "")]
    public async Task Token_BadLogin_Returns400InvalidGrant(string username, string password)
    {
        var http = factory.CreateClient();

        var response = await SalesforceClient.PostTokenAsync(http, PasswordGrant(username, password));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_grant", response.Json.GetProperty("error").GetString());
        Assert.Equal("authentication failure", response.Json.GetProperty("error_description").GetString());
    }

    [Theory]
    [InlineData("client_id", "someone-else")]
    [InlineData("client_secret", "not-the-secret")]
    public async Task Token_WrongClient_Returns400InvalidClient(string field, string value)
    {
        var http = factory.CreateClient();
        var form = PasswordGrant(DemoData.Alice, "alice-demo");
        form[field] = value;

        var response = await SalesforceClient.PostTokenAsync(http, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_client", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_OtherGrantType_Returns400UnsupportedGrantType()
    {
        var http = factory.CreateClient();
        var form = PasswordGrant(DemoData.Alice, "alice-demo");
        form["grant_type"] = "authorization_code";

        var response = await SalesforceClient.PostTokenAsync(http, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("unsupported_grant_type", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_RepeatedBadLogins_SlowDownThatUsernameUntilASuccess()
    {
        var http = factory.CreateClient();
        var throttle = factory.Services.GetRequiredService<LoginThrottle>();
        const string client = SignInService.UnknownClient;

        for (var i = 0; i < 3; i++)
        {
            await SalesforceClient.PostTokenAsync(http, PasswordGrant(DemoData.Carol, "guess-" + i));
        }

        var failures = await throttle.FailureCountAsync(DemoData.Carol, client);
        var record = await factory.Services.GetRequiredService<ILoginFailureStore>().GetAsync(LoginThrottle.Key(DemoData.Carol, client));
        var good = await SalesforceClient.PostTokenAsync(http, PasswordGrant(DemoData.Carol, "carol-demo"));

        Assert.Equal(3, failures);
        // Api:LoginFailureDelayMs 20 doubling per failure: the third failure makes the next attempt wait 80 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(80), record!.NextAttemptAt - record.Last);
        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Equal(0, await throttle.FailureCountAsync(DemoData.Carol, client));
        Assert.Equal(TimeSpan.Zero, await throttle.DelayForAsync(DemoData.Carol, client));
        Assert.Equal(TimeSpan.Zero, await throttle.DelayForAsync(DemoData.Dave, client));
    }

    [Fact]
    public async Task Revoke_Token_IsRejectedAfterwards()
    {
        var http = factory.CreateClient();
        var token = await SalesforceClient.RequestTokenAsync(http, DemoData.Dave, "dave-demo");
        var dave = new SalesforceClient(http, token);
        var before = await dave.QueryAsync("SELECT Id FROM WebStore");

        using var revoked = await http.PostAsync("/services/oauth2/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        var after = await dave.QueryAsync("SELECT Id FROM WebStore");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Equal("INVALID_SESSION_ID", after.ErrorCode);
    }

    [Fact]
    public async Task Identity_OwnIdUrl_ReturnsTheTokensUser()
    {
        var admin = await factory.LoginAsync(DemoData.Admin);
        var userId = factory.Demo.UserId(DemoData.Admin);

        var identity = await admin.GetAsync($"/id/{ApiOrganization.Id}/{userId}");
        var other = await admin.GetAsync($"/id/{ApiOrganization.Id}/{factory.Demo.UserId(DemoData.Alice)}");

        Assert.Equal(HttpStatusCode.OK, identity.Status);
        Assert.Equal(DemoData.Admin, identity.Json.GetProperty("username").GetString());
        Assert.Equal(ApiOrganization.Id, identity.Json.GetProperty("organization_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic YWxpY2U6YWxpY2UtZGVtbw==")]
    public async Task Data_WithoutAValidToken_Returns401InvalidSessionId(string authorization)
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.SendAsync(HttpMethod.Get, $"{SalesforceClient.Data}/query?q=SELECT+Id+FROM+WebCart", null, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("INVALID_SESSION_ID", response.ErrorCode);
        Assert.Equal("Session expired or invalid", response.ErrorMessage);
    }
}
