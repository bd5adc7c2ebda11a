using System.Diagnostics;
using System.Text.Json;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Domain.Emulator;

public sealed class EmulatorResetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ResetAsync_WhileATaskRuns_StopsItWithoutSavingAndTheWorldIsFresh()
    {
        await using var harness = await DomainHarness.CreateAsync();
        Assert.Null(harness.Settings.Patch(JsonDocument.Parse("""{"taskLatencyByType": {"Inventory": 600000}}""").RootElement));
        var alice = harness.As(DemoData.Alice);
        await harness.WaitingInTaskAsync(alice, harness.Demo.AliceAcmeCart, CheckoutFlow.Inventory);
        var started = await harness.Service.StartIntegrationTaskAsync(CheckoutAction.CheckCartInventory, alice, harness.Demo.AliceAcmeCart, runAsync: true);
        Assert.True(harness.Queue.Reader.TryRead(out var operationId), $"no queued operation: {started.Error}");
        var run = harness.Runner.RunAsync(operationId);
        await WaitForStatusAsync(harness, operationId, OperationStatuses.Running);

        var stopwatch = Stopwatch.StartNew();
        await harness.Emulator.ResetAsync();
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("reset", outcome.Status);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the task took {stopwatch.Elapsed} to stop");
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

    [Fact]
    public async Task ResetAsync_DemoDataOnInMemory_MedianUnderFiftyMilliseconds()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var alice = harness.As(DemoData.Alice);
        for (var i = 0; i < 5; i++)
        {
            await harness.Emulator.ResetAsync();
        }

        var times = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
            var stopwatch = Stopwatch.StartNew();
            await harness.Emulator.ResetAsync();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = (times[19] + times[20]) / 2;
        output.WriteLine($"reset on InMemory with the demo data: median {median:F2} ms, p90 {times[35]:F2} ms, max {times[^1]:F2} ms over {times.Count} resets");
        Assert.True(median < 50, $"median {median:F2} ms");
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
