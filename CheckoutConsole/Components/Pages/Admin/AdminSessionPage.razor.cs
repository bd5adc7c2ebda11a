using CheckoutConsole.Components.Shared.Admin;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckoutConsole.Components.Pages.Admin;

public sealed partial class AdminSessionPage
{
    [Parameter] public string CartId { get; set; } = "";

    [Inject] private CheckoutService Checkout { get; set; } = default!;
    [Inject] private CheckoutAdminService Repairs { get; set; } = default!;
    [Inject] private CheckoutQueries Queries { get; set; } = default!;
    [Inject] private FaultInjector Injector { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private static List<BreadcrumbItem> Crumbs(string cartName) => [new("All carts", "admin"), new(cartName, null, disabled: true)];

    private CheckoutView? _view;
    private CartCapabilities? _can;
    private bool _loaded;
    private FaultState _faults = default!;
    private ActionOutcome? _last;
    private RaceOutcome? _race;
    private bool _busy;
    private bool _racing;

    private string? CancelDisabledReason => _can?.CancelBlocker;

    protected override async Task OnParametersSetAsync()
    {
        // A new cart id on the same page instance (navigation between carts).
        if (_view is not null && _view.Cart.Id != CartId)
        {
            _last = null;
            _race = null;
            await LoadAsync();
        }
    }

    protected override async Task LoadAsync()
    {
        _faults = Injector.Current;
        var view = await Queries.GetCheckoutAsync(AdminUserId, CartId);
        _view = view is null ? null : view with { Timeline = await Admin.GetTimelineAsync(view.Cart.Id) };
        _can = view is null ? null : await Checkout.GetCapabilitiesAsync(NewCaller(), view.Cart.Id);
        _loaded = true;
    }

    protected override bool Shows(CheckoutChange change) =>
        change.CartId is null || change.CartId == (_view?.Cart.Id ?? CartId);

    private async Task CancelAsync()
    {
        if (_view is null || !await ConfirmDialog.AskCancelAsync(Dialogs, [$"{_view.Cart.Name} ({_view.Account.Name}, {_view.Session?.State ?? _view.Cart.Status})"]))
        {
            return;
        }

        await RunAsync("cancelCartAsyncOperation", () => Checkout.CancelCartAsyncOperationAsync(NewCaller(), _view.Cart.Id),
            "The checkout was canceled: the session is archived and the cart is Active again.");
    }

    private Task DismissAsync(CartValidationOutput output) =>
        RunAsync("dismiss validation output", () => Repairs.DismissValidationOutputAsync(NewCaller(), output.Id),
            $"Dismissed the {output.Level} output “{output.Message}”.");

    private Task RetryAsync(BackgroundOperation operation) =>
        RunAsync("retry order summary", () => Repairs.RetryOrderSummaryAsync(NewCaller(), operation.Id),
            $"The OrderSummary operation {operation.Id} is queued again.");

    private Task SaveFieldsAsync(SessionFieldChanges changes) =>
        _view?.Session is not { } session
            ? Task.CompletedTask
            : RunAsync("record update of CartCheckoutSession", () => Repairs.UpdateSessionFieldsAsync(NewCaller(), session.Id, changes),
                "The session's fields were updated (a flow's record update).");

    private async Task RaceAsync(int calls)
    {
        if (_racing || _view?.Session is not { } session || CheckoutFlow.NextOf(session.State) is not { } next)
        {
            return;
        }

        _racing = true;
        try
        {
            // Let the button show that the race runs before the calls start.
            await Task.Yield();
            _race = await new AdminRaceLab(Checkout).RunAsync(AdminUserId, session.Id, session.State, next, calls);
            Snackbar.Add($"Race: {_race.Winners} winner(s), {_race.Failed} rejected of {_race.Calls} calls.", _race.Winners == 1 ? Severity.Success : Severity.Error);
            await LoadAsync();
        }
        finally
        {
            _racing = false;
        }
    }

    /// <summary>One admin action: busy while it runs, its outcome in the last-result panel, then a fresh read.</summary>
    private async Task RunAsync<T>(string action, Func<Task<Result<T>>> run, string successMessage)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await run();
            _last = result.IsSuccess
                ? ActionOutcome.Success(action, successMessage, Now)
                : ActionOutcome.Failure(action, result.Error!, Now);
            Snackbar.Add(result.IsSuccess ? successMessage : $"{action} failed: {result.Error!.Code} {result.Error.Message}",
                result.IsSuccess ? Severity.Success : result.Error!.Code == "CHECKOUT_CONFLICT" ? Severity.Warning : Severity.Error);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private Task FailNextTask(FailNextTaskRequest request) => Injector.FailNextTaskAsync(request.TaskType, request.Count);

    private Task SetDelay(int milliseconds) => Injector.SetTaskDelayAsync(milliseconds);

    private Task SwitchFault(FaultSwitchChange change) => Injector.ApplyAsync(change);

    private async Task ClearFaultsAsync()
    {
        if (await ConfirmDialog.AskAsync(Dialogs, "Clear every fault?", [.. _faults.Describe()], "Clear all faults",
            "Every injected fault stops at once: tasks run normally again, for the REST API and the consoles alike."))
        {
            await Injector.ClearAllAsync();
            Snackbar.Add("Every fault is cleared.", Severity.Success);
        }
    }
}
