using System.Net;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Api;

/// <summary>The app with a clock the test moves and tokens that live five minutes.</summary>
public sealed class ClockedApiFactory() : ApiFactory(new Dictionary<string, string?> { ["Api:TokenLifetimeMinutes"] = "5" }, new TestClock());

public sealed class TokenExpiryTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task Query_TokenOlderThanItsLifetime_Returns401InvalidSessionId()
    {
        var http = factory.CreateClient();
        var alice = new SalesforceClient(http, await SalesforceClient.RequestTokenAsync(http, DemoData.Alice, "alice-demo"));

        factory.Clock!.Advance(TimeSpan.FromMinutes(4));
        var stillValid = await alice.QueryAsync("SELECT Id FROM WebStore");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await alice.QueryAsync("SELECT Id FROM WebStore");

        Assert.Equal(HttpStatusCode.OK, stillValid.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal("INVALID_SESSION_ID", expired.ErrorCode);
    }
}
