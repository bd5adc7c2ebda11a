using CheckoutConsole.Domain.Live;
using Microsoft.AspNetCore.Components;

namespace CheckoutConsole.Components.Shared;

/// <summary>
/// The one way a component stays live: it hears every saved change from the feed, keeps the ones
/// it shows, and re-reads on its own circuit. A burst of changes costs one re-read, not one per
/// change; a change saved during a read queues exactly one more. A reset (World) or a resync after
/// a lost team-mode connection re-reads every live component, whatever it shows.
/// </summary>
/// <remarks>
/// The subscription starts before the first <see cref="LoadAsync"/> (in SetParametersAsync, so an
/// override of OnInitialized cannot skip it) and ends on Dispose. The handler runs on the
/// publisher's thread and only decides from the change itself; the re-read runs inside InvokeAsync.
/// </remarks>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private Timer? _timer;
    private int _reloadQueued;
    private volatile bool _disposed;

    [Inject] private CheckoutChangeFeed Feed { get; set; } = default!;

    /// <summary>How long a burst of changes is gathered before the one re-read (none by default: a buyer sees their click at once).</summary>
    protected virtual TimeSpan CoalesceWindow => TimeSpan.Zero;

    /// <summary>Re-read this often even without changes (durations and "stuck" move with the clock); none by default.</summary>
    protected virtual TimeSpan? RefreshInterval => null;

    /// <summary>Whether a change can alter what the component shows. Called on the publisher's thread: decide from the change alone.</summary>
    protected abstract bool Shows(CheckoutChange change);

    /// <summary>Reads what the component shows (runs on the circuit). The component renders after it.</summary>
    protected abstract Task LoadAsync();

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (_subscription is null && !_disposed)
        {
            _subscription = Feed.Subscribe(OnChange);
            if (RefreshInterval is { } interval)
            {
                _timer = new Timer(_ => QueueReload(), null, interval, interval);
            }
        }

        return base.SetParametersAsync(parameters);
    }

    private void OnChange(CheckoutChange change)
    {
        if (change.IsResync || change.Kinds.HasFlag(ChangeKinds.World) || Shows(change))
        {
            QueueReload();
        }
    }

    private void QueueReload()
    {
        if (_disposed || Interlocked.Exchange(ref _reloadQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(ReloadAsync);
    }

    private async Task ReloadAsync()
    {
        try
        {
            if (CoalesceWindow > TimeSpan.Zero)
            {
                await Task.Delay(CoalesceWindow);
            }

            // Cleared before the read, so a change saved during the read queues one more.
            Volatile.Write(ref _reloadQueued, 0);
            if (_disposed)
            {
                return;
            }

            await LoadAsync();
            StateHasChanged();
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
