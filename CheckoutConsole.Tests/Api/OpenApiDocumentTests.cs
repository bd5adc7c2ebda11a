using System.Net;
using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Tests.Api;

public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Get_OpenApiDocument_DescribesEveryEndpointWithoutAToken()
    {
        var http = factory.CreateClient();

        using var message = await http.GetAsync("/services/openapi.json");
        var response = await ApiResponse.ReadAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var paths = response.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/services/oauth2/token", paths);
        Assert.Contains("/services/data/v{version}/actions/standard/{actionName}", paths);
        Assert.Contains("/services/data/v{version}/sobjects/{type}/{id}", paths);
        Assert.Contains("/services/data/v{version}/query", paths);
        Assert.Contains("/services/data/v{version}/commerce/webstores/{webstoreId}/carts/{cartId}/cart-items/{cartItemId}", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/services/", StringComparison.Ordinal) && !p.StartsWith("/id/", StringComparison.Ordinal)
            && !p.StartsWith("/emulator/v1/", StringComparison.Ordinal));
        var invoke = response.Json.GetProperty("paths").GetProperty("/services/data/v{version}/actions/standard/{actionName}").GetProperty("post");
        Assert.All(CheckoutActions.All, a => Assert.Contains(a.ApiName, invoke.GetProperty("description").GetString()));
        Assert.True(invoke.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(invoke.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(response.Json.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Get_VersionList_NamesEveryVersionFrom49To67()
    {
        var http = factory.CreateClient();

        using var message = await http.GetAsync("/services/data");
        var response = await ApiResponse.ReadAsync(message);

        var versions = response.Json.EnumerateArray().ToList();
        Assert.Equal(19, versions.Count);
        Assert.Equal("49.0", versions[0].GetProperty("version").GetString());
        Assert.Equal("Summer '20", versions[0].GetProperty("label").GetString());
        Assert.Equal("/services/data/v67.0", versions[^1].GetProperty("url").GetString());
    }
}
