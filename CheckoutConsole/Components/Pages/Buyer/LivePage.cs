using CheckoutConsole.Domain.Live;
using Microsoft.AspNetCore.Components;

namespace CheckoutConsole.Components.Pages.Buyer;

/// <summary>
/// A page that shows checkout data and keeps it live: it hears every saved change from the feed,
/// keeps the ones it shows, and re-reads on its own circuit. A burst of changes (one save publishes
/// one change per record group) costs one re-read, not one per change.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private int _reloadQueued;
    private volatile bool _disposed;

    [Inject] private CheckoutChangeFeed Feed { get; set; } = default!;

    protected override void OnInitialized() => _subscription = Feed.Subscribe(OnChange);

    /// <summary>Called on the publisher's thread: decide from the change alone, without touching the page's state.</summary>
    protected abstract bool Shows(CheckoutChange change);

    /// <summary>Re-reads what the page shows (runs on the circuit).</summary>
    protected abstract Task ReloadAsync();

    private void OnChange(CheckoutChange change)
    {
        if (_disposed || !(change.IsResync || Shows(change)) || Interlocked.Exchange(ref _reloadQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            // Cleared before the read, so a change saved during the read queues one more.
            Volatile.Write(ref _reloadQueued, 0);
            if (_disposed)
            {
                return;
            }

            try
            {
                await ReloadAsync();
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
