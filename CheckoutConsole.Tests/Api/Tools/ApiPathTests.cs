using System.Net;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Tools;

/// <summary>How paths are matched: doubled slashes as the CLI sends them, and Salesforce's 404 for anything unknown.</summary>
public sealed class ApiPathTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Get_DoubledSlashes_AreServedLikeSingleSlashes()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var single = await alice.GetAsync($"{SalesforceClient.Data}/sobjects/WebCart/{factory.Demo.AliceAcmeCart}");
        // As the CLI sends them: the instance URL with its trailing slash, then the path.
        var instance = alice.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/";
        var doubled = await alice.GetAsync($"{instance}/{SalesforceClient.Data}//sobjects/WebCart/{factory.Demo.AliceAcmeCart}");
        var userinfo = await alice.GetAsync($"{instance}/services/oauth2/userinfo");

        Assert.Equal(HttpStatusCode.OK, doubled.Status);
        Assert.Equal(single.Text, doubled.Text);
        Assert.Equal(HttpStatusCode.OK, userinfo.Status);
    }

    [Theory]
    [InlineData("GET", "/services/data/v62.0/no-such-resource")]
    [InlineData("GET", "/services/nothing/here")]
    [InlineData("POST", "/services/data/v62.0/query")]
    [InlineData("PATCH", "/services/data/v62.0/limits")]
    [InlineData("POST", "/services/data/v62.0/sobjects/WebCart/describe")]
    public async Task UnknownPathOrMethod_Returns404WithSalesforceErrorBody(string method, string path)
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.SendAsync(new HttpMethod(method), path, "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NOT_FOUND", response.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(response.ErrorMessage));
    }

    [Fact]
    public async Task EveryApiAnswer_CarriesSforceLimitInfoWithTheRealCount()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        using var first = await Send(alice, $"{SalesforceClient.Data}/limits");
        using var second = await Send(alice, $"{SalesforceClient.Data}/sobjects/WebCart/{factory.Demo.AliceAcmeCart}");
        using var missing = await Send(alice, $"{SalesforceClient.Data}/no-such-resource");

        var (usedFirst, max) = Usage(first);
        var (usedSecond, _) = Usage(second);
        Assert.Equal(15_000, max);
        Assert.True(usedSecond > usedFirst, $"the second call counted: {usedFirst} then {usedSecond}");
        Assert.True(missing.Headers.Contains("Sforce-Limit-Info"));
    }

    private static async Task<HttpResponseMessage> Send(SalesforceClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {client.Token}");
        return await client.Http.SendAsync(request);
    }

    private static (int Used, int Max) Usage(HttpResponseMessage response)
    {
        var value = response.Headers.GetValues("Sforce-Limit-Info").Single();
        Assert.StartsWith("api-usage=", value);
        var parts = value["api-usage=".Length..].Split('/');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
