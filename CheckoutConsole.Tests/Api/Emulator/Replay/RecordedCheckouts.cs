using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api.Emulator.Replay;

/// <summary>One recorded checkout: its exports in every format and what the world looked like after it.</summary>
public sealed record RecordedCheckout(string Name, string CartId, int Calls, IReadOnlyDictionary<string, string> Exports, string Facts);

/// <summary>
/// A real console (Kestrel on loopback, so curl and node reach it) and four checkouts recorded on it
/// through the REST API, each from a reset: a complete checkout (one task run asynchronously and
/// polled), a conflict, an Inventory failure under an injected fault, and a cancelled checkout.
/// </summary>
public sealed class RecordedCheckouts : IAsyncLifetime
{
    public static readonly string[] Formats = ["curl", "http", "jsforce", "xunit"];

    public ConsoleServer Server { get; } = new();
    public IReadOnlyList<RecordedCheckout> Checkouts { get; private set; } = [];
    public HttpClient Http { get; private set; } = default!;
    private SalesforceClient _admin = default!;

    public async Task InitializeAsync()
    {
        await Server.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        _admin = await LoginAsync(DemoData.Admin);
        Checkouts =
        [
            await RecordAsync("complete", "0a6000000000001AAA", DemoData.Alice, CompleteAsync),
            await RecordAsync("conflict", "0a6000000000003AAA", DemoData.Bob, ConflictAsync),
            await RecordAsync("inventory-fault", "0a6000000000004AAA", DemoData.Carol, InventoryFaultAsync),
            await RecordAsync("cancelled", "0a6000000000001AAA", DemoData.Alice, CancelledAsync),
            await RecordAsync("session-fault", "0a6000000000003AAA", DemoData.Bob, SessionFaultAsync),
        ];
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>The cart's status and its sessions' states: what a faithful replay leaves behind.</summary>
    public async Task<string> FactsAsync(string cartId)
    {
        var cart = (await _admin.GetRecordAsync("WebCart", cartId)).Json.GetProperty("Status").GetString();
        var sessions = (await _admin.QueryAsync($"SELECT State, IsArchived, IsError FROM CartCheckoutSession WHERE WebCartId = '{cartId}'"))
            .Json.GetProperty("records").EnumerateArray()
            .Select(s => $"{s.GetProperty("State").GetString()}{(s.GetProperty("IsArchived").GetBoolean() ? " archived" : "")}{(s.GetProperty("IsError").GetBoolean() ? " error" : "")}")
            .Order(StringComparer.Ordinal);
        return $"cart {cart}; sessions: {string.Join(", ", sessions)}";
    }

    private async Task<SalesforceClient> LoginAsync(string username) =>
        new(Http, await SalesforceClient.RequestTokenAsync(Http, username, DemoData.Passwords[username]));

    private async Task<RecordedCheckout> RecordAsync(string name, string cartId, string username, Func<SalesforceClient, string, Task<int>> checkout)
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.SendAsync(HttpMethod.Post, "/emulator/v1/reset", null)).Status);
        var calls = await checkout(await LoginAsync(username), cartId);
        var facts = await FactsAsync(cartId);
        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var format in Formats)
        {
            var export = await _admin.GetAsync($"/emulator/v1/carts/{cartId}/recording?format={format}");
            Assert.True(export.Status == HttpStatusCode.OK, $"{name} as {format}: {export.StatusCode} {export.Text}");
            exports[format] = export.Text;
        }

        return new RecordedCheckout(name, cartId, calls, exports, facts);
    }

    private static async Task<string> OpenAsync(SalesforceClient client, string cartId)
    {
        var session = await client.InvokeAsync("checkoutSessionAction", new { cartId });
        Assert.Equal(HttpStatusCode.OK, session.Status);
        return session.Output("requestId")!;
    }

    private static async Task<ApiResponse> UpdateAsync(SalesforceClient client, string sessionId, string from, string to) =>
        await client.InvokeAsync("updateCheckoutSessionStateAction", new { checkoutSessionId = sessionId, expCurrentState = from, nextState = to });

    private static async Task<ApiResponse> TaskAsync(SalesforceClient client, string cartId, string state, bool runAsync)
    {
        var action = CheckoutFlow.Step(state)!.TaskType switch
        {
            OperationTypes.Inventory => "checkCartInventoryAction",
            OperationTypes.Pricing => "priceCart",
            OperationTypes.Promotions => "calcCartPromotionsAction",
            OperationTypes.Shipping => "calcCartShipmentAction",
            OperationTypes.Taxes => "calcCartTaxesAction",
            OperationTypes.CartToOrder => "cartToOrderAction",
            _ => "activateOrderAction",
        };
        return action == "activateOrderAction"
            ? await client.InvokeAsync(action, new { cartId, orderStatus = "Activated", runAsync })
            : await client.InvokeAsync(action, new { cartId, runAsync });
    }

    /// <summary>Every step to Order Confirmation; the Inventory task runs in the background and is polled.</summary>
    private static async Task<int> CompleteAsync(SalesforceClient client, string cartId)
    {
        var sessionId = await OpenAsync(client, cartId);
        var calls = 1;
        foreach (var step in CheckoutFlow.Steps.TakeWhile(s => s.State != CheckoutFlow.OrderConfirmation))
        {
            Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, step.State, step.Next!)).Status);
            calls++;
            if (step.IsTask)
            {
                var runAsync = step.TaskType == OperationTypes.Inventory;
                var task = await TaskAsync(client, cartId, step.State, runAsync);
                Assert.True(task.Status == HttpStatusCode.OK, $"{step.State}: {task.Text}");
                calls++;
                if (runAsync)
                {
                    await WaitForOperationAsync(client, task.Output("backgroundOperationId")!);
                }
            }
        }

        return calls;
    }

    /// <summary>An update that expects the wrong current state (409 CHECKOUT_CONFLICT), then the right one and its task.</summary>
    private static async Task<int> ConflictAsync(SalesforceClient client, string cartId)
    {
        var sessionId = await OpenAsync(client, cartId);
        var conflict = await UpdateAsync(client, sessionId, CheckoutFlow.DeliveryMethod, CheckoutFlow.Taxes);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, CheckoutFlow.Start, CheckoutFlow.Inventory)).Status);
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, CheckoutFlow.Inventory, CheckoutFlow.ConfirmPrice)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TaskAsync(client, cartId, CheckoutFlow.Inventory, runAsync: false)).Status);
        return 5;
    }

    /// <summary>The next Inventory task fails by an injected fault: the inline task's call answers the failure.</summary>
    private async Task<int> InventoryFaultAsync(SalesforceClient client, string cartId)
    {
        var sessionId = await OpenAsync(client, cartId);
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, CheckoutFlow.Start, CheckoutFlow.Inventory)).Status);
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, CheckoutFlow.Inventory, CheckoutFlow.ConfirmPrice)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Put, "/emulator/v1/faults", """{"failNextTasks": {"Inventory": 1}}""")).Status);
        var failed = await TaskAsync(client, cartId, CheckoutFlow.Inventory, runAsync: false);
        Assert.NotEqual(HttpStatusCode.OK, failed.Status);
        return 4;
    }

    /// <summary>
    /// Session creation fails under the injected fault (the action's UNKNOWN_EXCEPTION 500 row); the admin
    /// clears it and the retry opens the session: a replay must arm the fault for the first call only.
    /// </summary>
    private async Task<int> SessionFaultAsync(SalesforceClient client, string cartId)
    {
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(HttpMethod.Put, "/emulator/v1/faults", """{"failSessionCreation": true}""")).Status);
        var failed = await client.InvokeAsync("checkoutSessionAction", new { cartId });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.SendAsync(HttpMethod.Delete, "/emulator/v1/faults", null)).Status);
        var sessionId = await OpenAsync(client, cartId);
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, CheckoutFlow.Start, CheckoutFlow.Inventory)).Status);
        return 3;
    }

    /// <summary>A checkout cancelled in the middle (after Inventory).</summary>
    private static async Task<int> CancelledAsync(SalesforceClient client, string cartId)
    {
        var sessionId = await OpenAsync(client, cartId);
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, CheckoutFlow.Start, CheckoutFlow.Inventory)).Status);
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync(client, sessionId, CheckoutFlow.Inventory, CheckoutFlow.ConfirmPrice)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TaskAsync(client, cartId, CheckoutFlow.Inventory, runAsync: false)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.InvokeAsync("cancelCartAsyncOperation", new { cartId })).Status);
        return 5;
    }

    private static async Task WaitForOperationAsync(SalesforceClient client, string operationId)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = (await client.GetRecordAsync("BackgroundOperation", operationId)).Json.GetProperty("Status").GetString();
            if (status is not (OperationStatuses.New or OperationStatuses.Running))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Operation {operationId} didn't finish.");
    }
}
