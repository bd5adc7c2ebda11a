using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.Domain.Services;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData(TestProvider.InMemory, 200, 10)]
    [InlineData(TestProvider.Sqlite, 200, 2)]
    [InlineData(TestProvider.PostgreSQL, 200, 2)]
    public async Task UpdateCheckoutSession_ManyConcurrentCallsWithSameExpectedState_ExactlyOneWins(TestProvider provider, int callers, int rounds)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);

        for (var round = 0; round < rounds; round++)
        {
            var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
            using var gate = new ManualResetEventSlim(false);
            var calls = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
            {
                gate.Wait();
                return await harness.Service.UpdateCheckoutSessionAsync(alice, session, CheckoutFlow.Inventory, CheckoutFlow.Start);
            })).ToList();

            gate.Set();
            var results = await Task.WhenAll(calls);

            Assert.Single(results, r => r.IsSuccess);
            Assert.All(results.Where(r => !r.IsSuccess), r =>
            {
                Assert.Equal(("CHECKOUT_CONFLICT", 409), (r.Error!.Code, r.Error.HttpStatus));
                Assert.Contains("'Start'", r.Error.Message, StringComparison.Ordinal);
            });
            var saved = await harness.SessionAsync(session);
            Assert.Equal(CheckoutFlow.Inventory, saved.State);
            await using (var db = harness.NewContext())
            {
                var timeline = await db.Timeline.Where(t => t.SessionId == session).ToListAsync();
                Assert.Single(timeline, t => t.Action == "updateCheckoutSessionAction" && t.IsSuccess);
                Assert.Equal(callers - 1, timeline.Count(t => t.Action == "updateCheckoutSessionAction" && t.Outcome == "CHECKOUT_CONFLICT"));
                Assert.Single(timeline, t => t.Field == nameof(saved.State) && t.After == CheckoutFlow.Inventory);
            }

            Assert.True((await harness.Service.CancelCartAsyncOperationAsync(alice, harness.Demo.AliceAcmeCart)).IsSuccess);
        }
    }

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSQL)]
    public async Task UpdateCheckoutSession_ConcurrentCallsOnATaskState_ExactlyOneSetsNextState(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        await harness.AdvanceToAsync(alice, session, CheckoutFlow.Inventory);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => harness.Service.UpdateCheckoutSessionAsync(alice, session, CheckoutFlow.ConfirmPrice, CheckoutFlow.Inventory))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Equal(CheckoutFlow.ConfirmPrice, (await harness.SessionAsync(session)).NextState);
    }

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSQL)]
    public async Task CartToOrder_TwoConcurrentCalls_CreateOneOrder(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);
        var session = await harness.WaitingInTaskAsync(alice, harness.Demo.AliceAcmeCart, CheckoutFlow.CartToOrder);

        // Queued, not run inline: the winner's task stays New until drained, so the loser always
        // meets it (ALREADY_IN_PROCESS) rather than, sometimes, a session the task already moved on.
        var results = await Task.WhenAll(
            Task.Run(() => harness.Service.CartToOrderAsync(alice, harness.Demo.AliceAcmeCart)),
            Task.Run(() => harness.Service.CartToOrderAsync(alice, harness.Demo.AliceAcmeCart)));
        await harness.DrainQueueAsync();

        await using var db = harness.NewContext();
        Assert.Single(results, r => r.IsSuccess);
        Assert.Equal(ErrorRule.OperationInProgress, results.Single(r => !r.IsSuccess).Error!.Rule);
        Assert.Single(await db.Orders.Where(o => o.CheckoutSessionId == session).ToListAsync());
        Assert.Single(await db.Operations.Where(o => o.Type == OperationTypes.CartToOrder).ToListAsync());
    }

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSQL)]
    public async Task Cancel_WhileATaskRuns_TheTasksLateCompletionHasNoEffect(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);
        var session = await harness.WaitingInTaskAsync(alice, harness.Demo.AliceAcmeCart, CheckoutFlow.CartToOrder);
        var started = await harness.Service.CartToOrderAsync(alice, harness.Demo.AliceAcmeCart);
        Assert.True(started.IsSuccess);
        await harness.Faults.SetTaskDelayAsync(2000); // far longer than the cancel below takes, so it lands mid-task
        Assert.True(harness.Queue.Reader.TryRead(out var operationId));
        var running = harness.Runner.RunAsync(operationId);
        await WaitForStatusAsync(harness, operationId, OperationStatuses.Running);

        var canceled = await harness.Service.CancelCartAsyncOperationAsync(alice, harness.Demo.AliceAcmeCart);
        var outcome = await running;

        await using var db = harness.NewContext();
        var operation = await db.Operations.SingleAsync(o => o.Id == operationId);
        var saved = await db.Sessions.SingleAsync(s => s.Id == session);
        var cart = await db.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);
        Assert.True(canceled.IsSuccess);
        Assert.Equal(OperationStatuses.Canceled, outcome.Status);
        Assert.Equal(OperationStatuses.Canceled, operation.Status);
        Assert.True(saved.IsArchived);
        Assert.Equal(CheckoutFlow.CartToOrder, saved.State);
        Assert.Null(saved.OrderId);
        Assert.Equal(CartStatuses.Active, cart.Status);
        Assert.Empty(await db.Orders.ToListAsync());
    }

    private static async Task WaitForStatusAsync(DomainHarness harness, string operationId, string status)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = harness.NewContext();
            if (await db.Operations.AnyAsync(o => o.Id == operationId && o.Status == status))
            {
                return;
            }

            await Task.Delay(5);
        }

        Assert.Fail($"Operation {operationId} never reached {status}.");
    }
}
