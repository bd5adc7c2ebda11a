using System.Text.Json;
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
