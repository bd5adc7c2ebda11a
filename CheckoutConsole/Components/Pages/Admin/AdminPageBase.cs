using CheckoutConsole.Auth;
using CheckoutConsole.Components.Shared;
using CheckoutConsole.Domain.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CheckoutConsole.Components.Pages.Admin;

/// <summary>
/// What every admin page shares beyond staying live: the signed-in admin as the caller of actions,
/// the admin read side, and a short window that turns a burst of changes (a race of a thousand
/// calls) into one re-read.
/// </summary>
public abstract class AdminPageBase : LiveComponent
{
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The admin's user id; every action the page runs is attributed to them.</summary>
    protected string AdminUserId { get; private set; } = "";

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Inject] protected AdminQueries Admin { get; set; } = default!;

    protected AdminOptions Options => _options ??= AdminOptions.From(Services.GetService<IConfiguration>());
    private AdminOptions? _options;

    protected override TimeSpan CoalesceWindow => TimeSpan.FromMilliseconds(100);

    protected Caller NewCaller() => Caller.For(AdminUserId);

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            AdminUserId = (await AuthenticationState).User.UserId() ?? "";
        }

        await LoadAsync();
    }
}
