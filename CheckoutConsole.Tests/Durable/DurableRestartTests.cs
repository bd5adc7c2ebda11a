using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Operations;
using Microsoft.Data.Sqlite;

namespace CheckoutConsole.Tests.Durable;

/// <summary>The real console on a SQLite file, killed in the middle of a task and started again.</summary>
[Collection(ConsoleProcess.Collection)]
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
            var client = await ConsoleFlow.LoginAsync(first);
            cartId = (await client.QueryAsync("SELECT Id FROM WebCart WHERE Name = 'Alice\\'s office restock'")).Json.GetProperty("records")[0].GetProperty("Id").GetString()!;
            sessionId = (await client.InvokeAsync("checkoutSessionAction", new { cartId })).Output("requestId")!;
            await ConsoleFlow.StepThroughAsync(client, cartId, sessionId, until: CheckoutFlow.CartToOrder);
            Assert.Equal(HttpStatusCode.OK, (await client.InvokeAsync("updateCheckoutSessionStateAction",
                new { checkoutSessionId = sessionId, expCurrentState = CheckoutFlow.CartToOrder, nextState = CheckoutFlow.AuthorizePayment })).Status);
            var operationId = (await client.InvokeAsync("cartToOrderAction", new { cartId })).Output("backgroundOperationId")!;
            await ConsoleFlow.WaitForAsync(client, "BackgroundOperation", operationId, r => r.GetProperty("Status").GetString() == OperationStatuses.Running);

            await first.KillAsync();
        }

        await using var second = await ConsoleProcess.StartAsync(_file, "--Checkout:TaskLatencyMs=0");
        var again = await ConsoleFlow.LoginAsync(second);
        await ConsoleFlow.WaitForAsync(again, "CartCheckoutSession", sessionId, r => r.GetProperty("State").GetString() == CheckoutFlow.AuthorizePayment);
        await ConsoleFlow.StepThroughAsync(again, cartId, sessionId, until: CheckoutFlow.OrderConfirmation);
        var session = (await again.GetRecordAsync("CartCheckoutSession", sessionId)).Json;
        var orderId = session.GetProperty("OrderId").GetString()!;
        var summaries = await ConsoleFlow.WaitForSummaryAsync(again, orderId);
        var orders = await again.QueryAsync($"SELECT Id, Status FROM Order WHERE Id = '{orderId}'");
        var cart = (await again.GetRecordAsync("WebCart", cartId)).Json;

        Assert.True(session.GetProperty("IsArchived").GetBoolean());
        Assert.Equal("Activated", orders.Json.GetProperty("records")[0].GetProperty("Status").GetString());
        Assert.Equal(1, summaries);
        Assert.Equal("Closed", cart.GetProperty("Status").GetString());
        Assert.Equal(1, CountRows("SELECT COUNT(*) FROM Orders"));
        Assert.Contains("Restart recovery", second.Output, StringComparison.Ordinal);
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
