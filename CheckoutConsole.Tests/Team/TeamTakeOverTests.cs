using System.Diagnostics;
using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.Durable;
using CheckoutConsole.Tests.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Team;

/// <summary>Team mode: the instance running a task is killed (SIGKILL) and another finishes it once the lease lapses.</summary>
[Collection(ConsoleProcess.Collection)]
public sealed class TeamTakeOverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LeaseSeconds = 2;
    private string _database = "";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = await server.CreateDatabaseAsync(fromTemplate: false);
        _connectionString = server.ConnectionString(_database);
    }

    [Fact]
    public async Task Kill_TheInstanceRunningCartToOrder_TheOtherTakesItOverAfterTheLeaseAndFinishesWithOneOrderAndOneSummary()
    {
        // A would need ten minutes for the order; B needs none. Whoever finishes the task is B.
        var startA = ConsoleProcess.StartWithAsync(TeamPair.Arguments(_connectionString, LeaseSeconds, "--Checkout:TaskLatencyByType:CartToOrder=600000"));
        var startB = ConsoleProcess.StartWithAsync(TeamPair.Arguments(_connectionString, LeaseSeconds));
        await using var a = await startA;
        await using var b = await startB;
        var onA = await ConsoleFlow.LoginAsync(a);
        var cartId = (await onA.QueryAsync("SELECT Id FROM WebCart WHERE Name = 'Alice\\'s office restock'")).Json.GetProperty("records")[0].GetProperty("Id").GetString()!;
        var sessionId = (await onA.InvokeAsync("checkoutSessionAction", new { cartId })).Output("requestId")!;
        await ConsoleFlow.StepThroughAsync(onA, cartId, sessionId, until: CheckoutFlow.CartToOrder);
        Assert.Equal(HttpStatusCode.OK, (await onA.InvokeAsync("updateCheckoutSessionStateAction",
            new { checkoutSessionId = sessionId, expCurrentState = CheckoutFlow.CartToOrder, nextState = CheckoutFlow.AuthorizePayment })).Status);
        var operationId = (await onA.InvokeAsync("cartToOrderAction", new { cartId })).Output("backgroundOperationId")!;
        await ConsoleFlow.WaitForAsync(onA, "BackgroundOperation", operationId, r => r.GetProperty("Status").GetString() == OperationStatuses.Running);
        var ownerBeforeKill = await ScalarAsync<string>($"""SELECT "LeaseOwner" FROM "Operations" WHERE "Id" = '{operationId}'""");
        var onB = await ConsoleFlow.LoginAsync(b);

        await a.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        await ConsoleFlow.WaitForAsync(onB, "CartCheckoutSession", sessionId, r => r.GetProperty("State").GetString() == CheckoutFlow.AuthorizePayment);
        var takeOver = sinceKill.Elapsed;
        output.WriteLine($"Take-over after kill -9: {takeOver.TotalSeconds:F2} s (lease {LeaseSeconds} s)");
        await ConsoleFlow.StepThroughAsync(onB, cartId, sessionId, until: CheckoutFlow.OrderConfirmation);
        var session = (await onB.GetRecordAsync("CartCheckoutSession", sessionId)).Json;
        var orderId = session.GetProperty("OrderId").GetString()!;
        var summaries = await ConsoleFlow.WaitForSummaryAsync(onB, orderId);

        Assert.Contains($"/{a.ProcessId}/", ownerBeforeKill, StringComparison.Ordinal);
        Assert.InRange(takeOver, TimeSpan.FromSeconds(LeaseSeconds - 1), TimeSpan.FromSeconds(LeaseSeconds + 15));
        Assert.True(session.GetProperty("IsArchived").GetBoolean());
        Assert.Equal(1, summaries);
        Assert.Equal(1, await ScalarAsync<long>($"""SELECT COUNT(*) FROM "Orders" WHERE "CheckoutSessionId" = '{sessionId}'"""));
        Assert.Equal(1, await ScalarAsync<long>($"""SELECT COUNT(*) FROM "OrderSummaries" WHERE "OriginalOrderId" = '{orderId}'"""));
        Assert.Equal(0, await ScalarAsync<long>("""SELECT COUNT(*) FROM "Operations" WHERE "Status" IN ('New', 'Running')"""));
        Assert.Contains("Took over background operation", b.Output, StringComparison.Ordinal);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync() => await (await PostgresServer.GetAsync()).DropDatabaseAsync(_database);
}
