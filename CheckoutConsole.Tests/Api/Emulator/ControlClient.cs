using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Emulator;

/// <summary>The control API as a test suite calls it: an admin's client, and the reset every test starts with.</summary>
public sealed class ControlClient(SalesforceClient admin)
{
    public const string Root = "/emulator/v1";

    public SalesforceClient Admin => admin;

    public static async Task<ControlClient> ForAsync(ApiFactory factory) => new(await factory.LoginAsync(DemoData.Admin));

    public async Task ResetAsync()
    {
        var response = await admin.SendAsync(HttpMethod.Post, Root + "/reset", null);
        Assert.True(response.StatusCode == 204, $"reset: {response.StatusCode} {response.Text}");
    }

    public Task<ApiResponse> GetAsync(string path) => admin.GetAsync(Root + path);

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, string? json) => admin.SendAsync(method, Root + path, json);
}
