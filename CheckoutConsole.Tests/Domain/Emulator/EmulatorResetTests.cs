using System.Text.Json;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Domain.Emulator;

public sealed class EmulatorResetTests
{
    [Fact]
    public async Task ResetAsync_WhileATaskRuns_StopsItWithoutSavingAndTheWorldIsFresh()
    {
        await using var harness = await DomainHarness.CreateAsync();
        Assert.Null(await harness.Settings.PatchAsync(JsonDocument.Parse("""{"taskLatencyByType": {"Inventory": 600000}}""").RootElement));
        var alice = harness.As(DemoData.Alice);
        await harness.WaitingInTaskAsync(alice, harness.Demo.AliceAcmeCart, CheckoutFlow.Inventory);
        var started = await harness.Service.StartIntegrationTaskAsync(CheckoutAction.CheckCartInventory, alice, harness.Demo.AliceAcmeCart, runAsync: true);
        Assert.True(harness.Queue.Reader.TryRead(out var operationId), $"no queued operation: {started.Error}");
        var run = harness.Runner.RunAsync(operationId);
        await WaitForStatusAsync(harness, operationId, OperationStatuses.Running);

        await harness.Emulator.ResetAsync();
        // The task's latency is ten minutes: it ending at all shows the reset stopped it.
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("reset", outcome.Status);
        await using var db = harness.NewContext();
        Assert.Empty(await db.Operations.ToListAsync());
        Assert.Empty(await db.Sessions.ToListAsync());
        Assert.Empty(await db.Timeline.ToListAsync());
        Assert.Equal(CartStatuses.Active, (await db.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart)).Status);
        Assert.Equal(0, harness.Settings.Current.LatencyFor("Inventory"));
    }

    [Fact]
    public async Task ResetAsync_ARequestThatReadBeforeIt_CannotSaveIntoTheNewWorld()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var store = harness.Services.GetRequiredService<CheckoutConsole.Domain.Services.CheckoutStore>();
        await using var stale = store.CreateContext();
        var cart = await stale.Carts.SingleAsync(c => c.Id == harness.Demo.BobCart);
        cart.SetStatus(CartStatuses.PendingDelete, harness.Clock.GetUtcNow().UtcDateTime);

        await harness.Emulator.ResetAsync();
        var save = () => store.SaveAsync(stale, CheckoutConsole.Domain.Services.Audit.System("stale"));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(save);
        await using var db = harness.NewContext();
        Assert.Equal(CartStatuses.Active, (await db.Carts.SingleAsync(c => c.Id == harness.Demo.BobCart)).Status);
    }

    // How fast a reset is (median < 50 ms for the demo data on InMemory) is measured by the benchmark
    // command (`bench`, "emulator reset"), not asserted here: this test checks what a reset restores.
    [Fact]
    public async Task ResetAsync_AfterACheckoutANewCartAFaultAndAMovedClock_EachTimeRestoresTheDemoWorldWithItsIds()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var alice = harness.As(DemoData.Alice);
        var start = await Snapshot(harness);
        string? firstNewCart = null;

        for (var round = 0; round < 3; round++)
        {
            Assert.True((await harness.Service.CheckoutSessionAsync(alice, harness.Demo.AliceAcmeCart)).IsSuccess);
            var created = await harness.Carts.CreateCartAsync(alice, harness.Demo.AcmeStoreId, null);
            Assert.True(created.IsSuccess, created.Error?.ToString());
            firstNewCart ??= created.Value;
            // The same calls on a reset emulator give the same ids.
            Assert.Equal(firstNewCart, created.Value);
            await harness.Faults.FailNextTaskAsync("Inventory");
            Assert.Null(await harness.Emulator.SetClockAsync(JsonDocument.Parse("""{"advanceMinutes": 90}""").RootElement));
            Assert.False(harness.EmulatorClock.IsWallClock);

            await harness.Emulator.ResetAsync();

            Assert.Equal(start, await Snapshot(harness));
            Assert.Empty(harness.Faults.Current.FailNextTasks);
            Assert.True(harness.EmulatorClock.IsWallClock);
        }
    }

    // What a test suite can see of the world: every record's id and name, and whatever ran on it.
    private static async Task<string> Snapshot(DomainHarness harness)
    {
        await using var db = harness.NewContext();
        var carts = await db.Carts.OrderBy(c => c.Id).Select(c => c.Id + " " + c.Name + " " + c.Status).ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.Id + " " + u.Username).ToListAsync();
        var products = await db.Products.OrderBy(p => p.Id).Select(p => p.Id + " " + p.Sku + " " + p.StockQuantity).ToListAsync();
        var lines = await db.CartItems.CountAsync();
        return string.Join("\n", [.. carts, .. users, .. products,
            $"lines {lines}, sessions {await db.Sessions.CountAsync()}, operations {await db.Operations.CountAsync()}, timeline {await db.Timeline.CountAsync()}"]);
    }

    private static async Task WaitForStatusAsync(DomainHarness harness, string operationId, string status)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = harness.NewContext();
            if ((await db.Operations.SingleAsync(o => o.Id == operationId)).Status == status)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Operation {operationId} never reached {status}.");
    }
}
