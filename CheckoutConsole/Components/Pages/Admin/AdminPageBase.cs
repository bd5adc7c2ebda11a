using CheckoutConsole.Auth;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CheckoutConsole.Components.Pages.Admin;

/// <summary>
/// What every admin page shares: the signed-in admin as the caller of actions, the admin read
/// side, and live updates (subscribe, coalesce a burst of changes into one re-read inside
/// InvokeAsync, unsubscribe on Dispose).
/// </summary>
public abstract class AdminPageBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private Timer? _timer;
    private int _reloadScheduled;
    private bool _disposed;

    [Inject] protected CheckoutChangeFeed Feed { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The admin's user id; every action the page runs is attributed to them.</summary>
    protected string AdminUserId { get; private set; } = "";

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Inject] protected AdminQueries Admin { get; set; } = default!;

    protected AdminOptions Options => _options ??= AdminOptions.From(Services.GetService<IConfiguration>());
    private AdminOptions? _options;

    /// <summary>How long a burst of changes is gathered before one re-read.</summary>
    protected virtual TimeSpan CoalesceWindow => TimeSpan.FromMilliseconds(100);

    /// <summary>Re-read this often even without changes (durations and "stuck" move with the clock).</summary>
    protected virtual TimeSpan? RefreshInterval => null;

    protected Caller NewCaller() => Caller.For(AdminUserId);

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            AdminUserId = (await AuthenticationState).User.UserId() ?? "";
        }

        _subscription = Feed.Subscribe(OnChange);
        if (RefreshInterval is { } interval)
        {
            _timer = new Timer(_ => ScheduleReload(), null, interval, interval);
        }

        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    /// <summary>Whether a change can alter what the page shows.</summary>
    protected virtual bool Affects(CheckoutChange change) => true;

    private void OnChange(CheckoutChange change)
    {
        if (change.Kinds.HasFlag(ChangeKinds.World) || Affects(change))
        {
            ScheduleReload();
        }
    }

    private void ScheduleReload()
    {
        if (_disposed || Interlocked.Exchange(ref _reloadScheduled, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(ReloadAfterBurstAsync);
    }

    private async Task ReloadAfterBurstAsync()
    {
        try
        {
            await Task.Delay(CoalesceWindow);
            // Cleared before reading, so a change during the read schedules another one.
            Interlocked.Exchange(ref _reloadScheduled, 0);
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
