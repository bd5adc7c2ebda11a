using System.Text.Json;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Domain.Emulator;

/// <summary>
/// Team mode's shared switches, on two instances' domains over one PostgreSQL database: changes made
/// at the same moment on both are taken one after the other, none lost and none applied twice.
/// </summary>
public sealed class SharedEmulatorStateTests : IAsyncLifetime
{
    private DomainHarness _first = default!;
    private DomainHarness _second = default!;

    public async Task InitializeAsync()
    {
        _first = await DomainHarness.CreateAsync(TestProvider.PostgreSQL);
        _second = await DomainHarness.CreateAsync(TestProvider.PostgreSQL, new Dictionary<string, string?> { ["Database:ConnectionString"] = _first.ConnectionString });
    }

    [Fact]
    public async Task TakeTaskFailure_FiveArmedFortyTakenAtOnceOnTwoInstances_FiresExactlyFiveTimes()
    {
        await _first.Faults.FailNextTaskAsync("Pricing", 5);
        await _second.Faults.ReloadAsync();
        using var gate = new ManualResetEventSlim(false);
        var takes = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await (i % 2 == 0 ? _first : _second).Faults.TakeTaskFailureAsync("Pricing");
        })).ToList();

        gate.Set();
        var taken = await Task.WhenAll(takes);
        await _first.Faults.ReloadAsync();
        await _second.Faults.ReloadAsync();

        Assert.Equal(5, taken.Count(t => t));
        Assert.Empty(_first.Faults.Current.FailNextTasks);
        Assert.Empty(_second.Faults.Current.FailNextTasks);
    }

    [Fact]
    public async Task Save_OpenedOnOneInstanceBeforeAResetOnTheOther_ConflictsBeforeHearingOfItAndChangesNothing()
    {
        var store = _second.Services.GetRequiredService<CheckoutStore>();
        await using var db = store.CreateContext();
        var cart = await db.Carts.FirstAsync(c => c.Id == _second.Demo.AliceAcmeCart);
        cart.SetShippingAddress("1 Old World Road", DateTime.UtcNow);
        CheckoutStore.Guard(db, cart);

        // The reset on the first instance replaces the cart with one of the same id and version; the
        // second instance hasn't heard of it (no relay runs between these two).
        await _first.Emulator.ResetAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => store.SaveAsync(db, Audit.System("a save from before the reset")));
        await using var check = _first.Services.GetRequiredService<CheckoutStore>().CreateContext();
        Assert.Null((await check.Carts.AsNoTracking().FirstAsync(c => c.Id == _first.Demo.AliceAcmeCart)).ShippingAddress);
        Assert.Equal(0, await check.Timeline.CountAsync());
    }

    [Fact]
    public async Task Save_AfterHearingOfAResetOnTheOtherInstance_SavesInTheNewWorld()
    {
        await _first.Emulator.ResetAsync();
        await _second.Services.GetRequiredService<SharedStateRefresh>().BeforePublishAsync(new CheckoutChange(null, null, ChangeKinds.World, DateTime.UtcNow) { FromOtherInstance = true });

        var result = await _second.Service.CheckoutSessionAsync(_second.As(DemoData.Alice), _second.Demo.AliceAcmeCart);

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Fact]
    public async Task FailNextTask_ArmedOnBothInstancesAtOnce_AddsUpBoth()
    {
        await Task.WhenAll(
            Task.Run(() => _first.Faults.FailNextTaskAsync("Taxes", 2)),
            Task.Run(() => _second.Faults.FailNextTaskAsync("Taxes", 3)));
        await _first.Faults.ReloadAsync();

        Assert.Equal(5, _first.Faults.Current.FailNextTasks["Taxes"]);
    }

    [Fact]
    public async Task Patch_DifferentSettingsOnBothInstancesAtOnce_KeepsBoth()
    {
        var patched = await Task.WhenAll(
            Task.Run(() => _first.Settings.PatchAsync(Json("""{"taxRate": 0.07}"""))),
            Task.Run(() => _second.Settings.PatchAsync(Json("""{"shippingPerUnit": 1.25}"""))));
        await _first.Settings.ReloadAsync();
        await _second.Settings.ReloadAsync();

        Assert.All(patched, Assert.Null);
        Assert.Equal((0.07m, 1.25m), (_first.Settings.Current.TaxRate, _first.Settings.Current.ShippingPerUnit));
        Assert.Equal((0.07m, 1.25m), (_second.Settings.Current.TaxRate, _second.Settings.Current.ShippingPerUnit));
    }

    [Fact]
    public async Task Reload_AfterTheOtherInstanceMovedTheClock_TellsTheSameTime()
    {
        var target = _first.EmulatorClock.GetUtcNow().AddHours(5);

        Assert.Null(await _first.Emulator.SetClockAsync(Json($$"""{"now": "{{target:O}}"}""")));
        await _second.EmulatorClock.ReloadAsync();

        Assert.Equal(TimeSpan.FromHours(5).TotalMinutes, _second.EmulatorClock.Offset.TotalMinutes, 1);
        Assert.Equal(_first.EmulatorClock.Offset, _second.EmulatorClock.Offset);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}
