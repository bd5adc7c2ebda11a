using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.Api;
using Microsoft.Data.Sqlite;

namespace CheckoutConsole.Tests.Durable;

/// <summary>The real console on a SQLite file, killed in the middle of a task and started again.</summary>
public sealed class DurableRestartTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cc-durable-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Restart_AfterAKillDuringCartToOrder_RunsTheTaskAgainAndFinishesWithOneOrder()
    {
        string sessionId;
        string cartId;
        await using (var first = await ConsoleProcess.StartAsync(_file, "--Checkout:TaskLatencyMs=0", "--Checkout:TaskLatencyByType:CartToOrder=600000"))
        {
            var client = await LoginAsync(first);
            cartId = (await client.QueryAsync("SELECT Id FROM WebCart WHERE Name = 'Alice\\'s office restock'")).Json.GetProperty("records")[0].GetProperty("Id").GetString()!;
            sessionId = (await client.InvokeAsync("checkoutSessionAction", new { cartId })).Output("requestId")!;
            await StepThroughAsync(client, cartId, sessionId, until: CheckoutFlow.CartToOrder);
            Assert.Equal(HttpStatusCode.OK, (await client.InvokeAsync("updateCheckoutSessionStateAction",
                new { checkoutSessionId = sessionId, expCurrentState = CheckoutFlow.CartToOrder, nextState = CheckoutFlow.AuthorizePayment })).Status);
            var operationId = (await client.InvokeAsync("cartToOrderAction", new { cartId })).Output("backgroundOperationId")!;
            await WaitForAsync(client, "BackgroundOperation", operationId, r => r.GetProperty("Status").GetString() == OperationStatuses.Running);

            await first.KillAsync();
        }

        await using var second = await ConsoleProcess.StartAsync(_file, "--Checkout:TaskLatencyMs=0");
        var again = await LoginAsync(second);
        await WaitForAsync(again, "CartCheckoutSession", sessionId, r => r.GetProperty("State").GetString() == CheckoutFlow.AuthorizePayment);
        await StepThroughAsync(again, cartId, sessionId, until: CheckoutFlow.OrderConfirmation);
        var session = (await again.GetRecordAsync("CartCheckoutSession", sessionId)).Json;
        var orderId = session.GetProperty("OrderId").GetString()!;
        var summaries = await WaitForSummaryAsync(again, orderId);
        var orders = await again.QueryAsync($"SELECT Id, Status FROM Order WHERE Id = '{orderId}'");
        var cart = (await again.GetRecordAsync("WebCart", cartId)).Json;

        Assert.True(session.GetProperty("IsArchived").GetBoolean());
        Assert.Equal("Activated", orders.Json.GetProperty("records")[0].GetProperty("Status").GetString());
        Assert.Equal(1, summaries);
        Assert.Equal("Closed", cart.GetProperty("Status").GetString());
        Assert.Equal(1, CountRows("SELECT COUNT(*) FROM Orders"));
        Assert.Contains("Restart recovery", second.Output, StringComparison.Ordinal);
    }

    private static async Task<SalesforceClient> LoginAsync(ConsoleProcess console) =>
        new(console.Http, await SalesforceClient.RequestTokenAsync(console.Http, DemoData.Integrator, DemoData.Passwords[DemoData.Integrator]));

    /// <summary>Steps the session the way a flow does: update, then the state's task inline.</summary>
    private static async Task StepThroughAsync(SalesforceClient client, string cartId, string sessionId, string until)
    {
        foreach (var step in CheckoutFlow.Steps.SkipWhile(s => s.State != CurrentState(client, sessionId)).TakeWhile(s => s.State != until))
        {
            var update = await client.InvokeAsync("updateCheckoutSessionStateAction",
                new { checkoutSessionId = sessionId, expCurrentState = step.State, nextState = step.Next });
            Assert.True(update.Status == HttpStatusCode.OK, $"update from {step.State}: {update.Text}");
            if (step.IsTask)
            {
                var action = CheckoutActions.ApiName(CheckoutService.TaskAction(step.TaskType!));
                var run = step.TaskType == OperationTypes.ActivateOrder
                    ? await client.InvokeAsync(action, new { cartId, orderStatus = "Activated", runAsync = false })
                    : await client.InvokeAsync(action, new { cartId, runAsync = false });
                Assert.True(run.Status == HttpStatusCode.OK, $"{action}: {run.Text}");
            }
        }
    }

    private static string CurrentState(SalesforceClient client, string sessionId) =>
        client.GetRecordAsync("CartCheckoutSession", sessionId).GetAwaiter().GetResult().Json.GetProperty("State").GetString()!;

    private static async Task WaitForAsync(SalesforceClient client, string type, string id, Func<System.Text.Json.JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var record = await client.GetRecordAsync(type, id);
            if (record.Status == HttpStatusCode.OK && condition(record.Json))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{type} {id} never reached the expected state: {(await client.GetRecordAsync(type, id)).Text}");
    }

    private static async Task<int> WaitForSummaryAsync(SalesforceClient client, string orderId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int count;
        do
        {
            count = (await client.QueryAsync($"SELECT Id FROM OrderSummary WHERE OriginalOrderId = '{orderId}'")).Json.GetProperty("totalSize").GetInt32();
            if (count > 0)
            {
                return count;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return count;
    }

    private long CountRows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
