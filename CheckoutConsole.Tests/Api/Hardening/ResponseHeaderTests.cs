using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>Finding 10 of #14: protective headers on every response; instance_url never taken from an arbitrary Host header.</summary>
public sealed class ResponseHeaderTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/")]
    [InlineData("/services/data")]
    [InlineData("/services/data/v62.0/query?q=SELECT+Id+FROM+WebStore")]
    public async Task Response_AnyPage_CarriesNosniffReferrerPolicyAndAContentSecurityPolicy(string path)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            var parts = path.Split('?', 2);
            c.Request.Path = parts[0];
            c.Request.QueryString = parts.Length > 1 ? new QueryString("?" + parts[1]) : QueryString.Empty;
        });

        var headers = context.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("same-origin", headers["Referrer-Policy"].ToString());
        var csp = headers.ContentSecurityPolicy.ToString();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task Token_WithAForeignHostHeader_AnswersWithTheServersOwnInstanceUrl()
    {
        var form = Encoding.UTF8.GetBytes(
            $"grant_type=password&client_id={SalesforceClient.ClientId}&client_secret={SalesforceClient.ClientSecret}&username=alice%40acme.example&password=alice-demo");

        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/services/oauth2/token";
            c.Request.Host = new HostString("evil.example");
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = new MemoryStream(form);
        });

        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("http://localhost", json.RootElement.GetProperty("instance_url").GetString());
        Assert.DoesNotContain("evil.example", json.RootElement.GetProperty("id").GetString());
    }
}
