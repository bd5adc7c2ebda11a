using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;

namespace CheckoutConsole.Tests.Api;

/// <summary>
/// Arrangement through the API itself: fresh carts via the Connect endpoints and checkouts stepped
/// the way a flow steps them (update, then the state's task with runAsync false).
/// </summary>
public sealed class CheckoutDriver(ApiFactory factory, SalesforceClient client)
{
    public static readonly (string Sku, int Quantity)[] DefaultLines = [("SKU-1", 2), ("SKU-2", 1)];

    public SalesforceClient Client => client;

    /// <summary>A new Active cart in the Acme store for the caller's home account.</summary>
    public async Task<string> NewCartAsync(params (string Sku, int Quantity)[] lines)
    {
        var cartsPath = $"{SalesforceClient.Data}/commerce/webstores/{factory.Demo.AcmeStoreId}/carts";
        var created = await client.PostAsync(cartsPath, new { });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var cartId = created.Json.GetProperty("cartId").GetString()!;
        foreach (var (sku, quantity) in lines.Length == 0 ? DefaultLines : lines)
        {
            var added = await client.PostAsync($"{cartsPath}/{cartId}/cart-items", new { productId = factory.Demo.ProductId(sku), quantity, type = "Product" });
            Assert.Equal(HttpStatusCode.Created, added.Status);
        }

        return cartId;
    }

    public async Task<string> OpenSessionAsync(string cartId)
    {
        var response = await client.InvokeAsync("checkoutSessionAction", new { cartId });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Output("requestId")!;
    }

    /// <summary>A fresh cart with an open session in state Start.</summary>
    public async Task<(string CartId, string SessionId)> NewCheckoutAsync(params (string Sku, int Quantity)[] lines)
    {
        var cartId = await NewCartAsync(lines);
        return (cartId, await OpenSessionAsync(cartId));
    }

    public async Task<JsonElement> SessionAsync(string sessionId)
    {
        var response = await client.GetRecordAsync("CartCheckoutSession", sessionId);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json;
    }

    public Task<ApiResponse> UpdateAsync(string sessionId, string expCurrentState, string nextState) =>
        client.InvokeAsync("updateCheckoutSessionStateAction", new { checkoutSessionId = sessionId, expCurrentState, nextState });

    public Task<ApiResponse> PatchSessionAsync(string sessionId, object fields) =>
        client.PatchAsync($"{SalesforceClient.Data}/sobjects/CartCheckoutSession/{sessionId}", fields);

    /// <summary>Starts the task of a task state with its action, inline.</summary>
    public Task<ApiResponse> RunTaskAsync(string cartId, string state)
    {
        var step = CheckoutFlow.Step(state)!;
        return step.TaskType switch
        {
            OperationTypes.ActivateOrder => client.InvokeAsync("activateOrderAction", new { cartId, orderStatus = "Activated", runAsync = false }),
            OperationTypes.CartToOrder => client.InvokeAsync("cartToOrderAction", new { cartId, runAsync = false }),
            var type => client.InvokeAsync(CheckoutActions.Spec(CheckoutActions.IntegrationActionForTask(type!)!.Value).ApiName, new { cartId, runAsync = false }),
        };
    }

    /// <summary>
    /// Steps the session until it is in <paramref name="target"/>; with <paramref name="armed"/>, a
    /// task state target also gets its NextState, so only the task's action remains.
    /// </summary>
    public async Task DriveToAsync(string cartId, string sessionId, string target, bool armed = false)
    {
        for (var guard = 0; guard < 30; guard++)
        {
            var state = (await SessionAsync(sessionId)).GetProperty("State").GetString()!;
            var step = CheckoutFlow.Step(state) ?? throw new InvalidOperationException($"The session is in '{state}', off the flow.");
            if (state == target)
            {
                if (armed && step.IsTask)
                {
                    AssertSucceeded(await UpdateAsync(sessionId, state, step.Next!), $"arming {state}");
                }

                return;
            }

            AssertSucceeded(await UpdateAsync(sessionId, state, step.Next!), $"update from {state}");
            if (step.IsTask)
            {
                AssertSucceeded(await RunTaskAsync(cartId, state), $"task of {state}");
            }
        }

        throw new InvalidOperationException($"The session never reached '{target}'.");
    }

    /// <summary>A fresh cart checked out to the end: order activated, session archived, cart Closed.</summary>
    public async Task<(string CartId, string SessionId)> CompletedCheckoutAsync()
    {
        var (cartId, sessionId) = await NewCheckoutAsync();
        await DriveToAsync(cartId, sessionId, CheckoutFlow.OrderConfirmation);
        return (cartId, sessionId);
    }

    public static async Task<CheckoutDriver> ForAsync(ApiFactory factory, string username = DemoData.Alice) =>
        new(factory, await factory.LoginAsync(username));

    private static void AssertSucceeded(ApiResponse response, string what) =>
        Assert.True(response.Status == HttpStatusCode.OK, $"{what}: {(int)response.Status} {response.Text}");
}
