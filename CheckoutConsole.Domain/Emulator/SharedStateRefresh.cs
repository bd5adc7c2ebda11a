using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>
/// Team mode: this instance's copies of what every instance shares (faults, live settings, the
/// clock, the scenario resets return to, the world itself), read again when another instance says
/// it changed, before the change reaches this instance's pages, so they re-read the new state.
/// </summary>
public sealed class SharedStateRefresh(
    FaultInjector faults,
    RuntimeSettings settings,
    EmulatorClock clock,
    EmulatorControl emulator,
    CheckoutStore store,
    OperationQueue queue)
{
    /// <summary>At start-up: whatever the team set before this instance started.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        await faults.ReloadAsync(ct);
        await settings.ReloadAsync(ct);
        await clock.ReloadAsync(ct);
        await emulator.ReloadScenarioAsync(ct);
        await store.LoadWorldRevisionAsync(ct);
    }

    /// <summary>Another instance made <paramref name="change"/>: forget or re-read what it touched.</summary>
    public async Task BeforePublishAsync(CheckoutChange change, CancellationToken ct = default)
    {
        var world = change.Kinds.HasFlag(ChangeKinds.World);
        if (world)
        {
            // As after a reset here: work of the old world stops, its saves conflict, its queued operations are dropped.
            await store.WorldReplacedElsewhereAsync(ct);
            while (queue.Reader.TryRead(out _))
            {
                // Operations of the old world: nothing to run.
            }
        }

        var everything = world || change.IsResync;
        if (everything || change.Kinds.HasFlag(ChangeKinds.Faults))
        {
            await faults.ReloadAsync(ct);
        }

        if (everything || change.Kinds.HasFlag(ChangeKinds.Settings))
        {
            await settings.ReloadAsync(ct);
        }

        if (everything || change.Kinds.HasFlag(ChangeKinds.Clock))
        {
            await clock.ReloadAsync(ct);
        }

        if (everything)
        {
            await emulator.ReloadScenarioAsync(ct);
        }

        if (change.IsResync && !world)
        {
            // A reset may have been missed while the connection was down.
            await store.LoadWorldRevisionAsync(ct);
        }
    }
}
