using CheckoutConsole.Auth;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CheckoutConsole.Components.Pages.Buyer;

public enum CheckoutSituation
{
    NotStarted,
    Canceled,
    Screen,
    TaskReady,
    TaskRunning,
    Error,
    Confirmation,
    Other,
}

public sealed partial class CheckoutPage
{
    private const string NextKey = "next-step";

    private string? _cartId;
    private int _reads;
    private bool _loaded;
    private User? _user;
    private CheckoutView? _view;
    private CartCapabilities? _can;
    private ActionOutcome? _lastResult;
    private string? _busy;
    private string? _formError;
    private string? _formState;
    private string _shipping = "";
    private string? _delivery;
    private string _po = "";
    private string _billing = "";

    [Parameter] public string CartId { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private CheckoutService Service { get; set; } = default!;
    [Inject] private CartService Carts { get; set; } = default!;
    [Inject] private CheckoutQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>"developer" shows flags, API names and every panel; the buyer's plain view otherwise. In the URL, so a shared link keeps it.</summary>
    [SupplyParameterFromQuery(Name = "view")] public string? ViewMode { get; set; }

    private bool DeveloperView => ViewMode == "developer";

    private void SetDeveloperView(bool on) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("view", on ? "developer" : null), replace: true);

    private static List<BreadcrumbItem> Crumbs(WebCart cart) =>
        [new("My carts", "buyer"), new(cart.Name, $"buyer/carts/{cart.Id}"), new("Checkout", null, disabled: true)];

    private TimeSpan? RunningFor => CheckoutFacts.RunningOperation(_view!) is { } running ? Now - (running.StartedAt ?? running.SubmittedAt) : null;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override async Task OnParametersSetAsync()
    {
        var userId = (await AuthenticationState).User.UserId();
        _user = userId is null ? null : await Queries.FindUserAsync(userId);
        _cartId = SalesforceId.TryParse(CartId, KeyPrefixes.WebCart, out var id, out _) ? id.Value : null;
        await LoadAsync();
        _loaded = true;
    }

    protected override bool Shows(CheckoutChange change) => change.CartId is not null && change.CartId == _cartId;

    protected override async Task LoadAsync()
    {
        // Reads can overlap (a click's own re-read and the feed's); only the latest started may land.
        var read = ++_reads;
        var view = _user is null || _cartId is null ? null : await Queries.GetCheckoutAsync(_user.Id, _cartId);
        var can = view is null ? null : await Service.GetCapabilitiesAsync(Caller.For(_user!.Id), view.Cart.Id);
        if (read != _reads)
        {
            return;
        }

        _view = view;
        _can = can;
        var state = _view?.Session?.State;
        if (state != _formState)
        {
            // A new screen: start its form from what the cart holds, and forget the last screen's error.
            _formState = state;
            _formError = null;
            var cart = _view?.Cart;
            _shipping = cart?.ShippingAddress ?? "";
            _delivery = cart?.DeliveryMethod;
            _po = cart?.PoNumber ?? "";
            _billing = cart?.BillingAddress ?? cart?.ShippingAddress ?? "";
        }
    }

    private CheckoutSituation Situation
    {
        get
        {
            var view = _view!;
            var session = view.Session;
            if (session is null)
            {
                var last = view.CurrentSession;
                return last is null ? CheckoutSituation.NotStarted
                    : last.State == CheckoutFlow.OrderConfirmation || view.Order?.Status == OrderStatuses.Activated ? CheckoutSituation.Confirmation
                    : CheckoutSituation.Canceled;
            }

            if (session.IsProcessing || view.Cart.Status == CartStatuses.Processing)
            {
                return CheckoutSituation.TaskRunning;
            }

            if (session.State == CheckoutFlow.Error)
            {
                return CheckoutSituation.Error;
            }

            return CheckoutFlow.Step(session.State) switch
            {
                null => CheckoutSituation.Other,
                { IsTask: true } => CheckoutSituation.TaskReady,
                { Next: null } => CheckoutSituation.Other,
                _ => CheckoutSituation.Screen,
            };
        }
    }

    private string StepTitle
    {
        get
        {
            var state = _view!.Session?.State;
            var step = CheckoutFlow.Step(state);
            return Situation switch
            {
                CheckoutSituation.NotStarted => "Ready to check out",
                CheckoutSituation.Canceled => "Checkout canceled",
                CheckoutSituation.Error => "Checkout stopped: a step failed",
                CheckoutSituation.Confirmation => CheckoutFacts.IsComplete(_view) ? "Order placed: checkout complete" : "Order placed",
                _ when step is not null => $"Step {step.Number} of {CheckoutFlow.Steps.Count}: {step.State}",
                _ => $"Session in {state}",
            };
        }
    }

    private string StepIcon => Situation switch
    {
        CheckoutSituation.Error => Icons.Material.Filled.Error,
        CheckoutSituation.Canceled => Icons.Material.Filled.Block,
        CheckoutSituation.Confirmation => Icons.Material.Filled.TaskAlt,
        CheckoutSituation.TaskReady or CheckoutSituation.TaskRunning => Icons.Material.Filled.Settings,
        _ => Icons.Material.Filled.EditNote,
    };

    private string UpdateLabel
    {
        get
        {
            var session = _view!.Session;
            var next = CheckoutFlow.NextOf(session?.State);
            return session is null || next is null ? "Update session state" : $"Update: {session.State} → {next}";
        }
    }

    private static string StepDescription(string state) =>
        CheckoutFlow.Step(state)?.Description is { Length: > 0 } d ? char.ToLowerInvariant(d[0]) + d[1..] : state;

    private static string TaskActionName(string state) =>
        CheckoutFlow.Step(state)?.TaskType is { } task ? CheckoutActions.ApiName(CheckoutService.TaskAction(task)) : "";

    private static string ContinueLabel(string state, string next) => state switch
    {
        CheckoutFlow.CheckoutSummary => "Confirm the order",
        CheckoutFlow.AuthorizePayment => "Authorize payment",
        _ => $"Continue to {next}",
    };

    private static string DeliveryHint(string method) => method switch
    {
        "Standard" => "3–5 business days",
        "Express" => "next business day",
        "Pickup" => "collect from the warehouse",
        _ => "",
    };

    /// <summary>Runs one action for one click: a second click while it runs (or a click on another button) does nothing.</summary>
    private async Task RunAsync(string key, Func<Task> action)
    {
        if (_busy is not null || _user is null)
        {
            return;
        }

        _busy = key;
        var before = _lastResult;
        try
        {
            await action();
            await LoadAsync();
            if (_lastResult is { } outcome && !ReferenceEquals(outcome, before))
            {
                Snackbar.Add(outcome.IsSuccess ? outcome.Message : $"{CheckoutFacts.PlainWords(outcome)} ({outcome.Code}: {outcome.Message})",
                    outcome.IsSuccess ? Severity.Success : outcome.Code == "CHECKOUT_CONFLICT" ? Severity.Warning : Severity.Error);
            }
        }
        finally
        {
            _busy = null;
        }
    }

    private Caller NewCaller() => Caller.For(_user!.Id);

    /// <summary>The message the action would fail with now (the domain's answer), or null when it would pass.</summary>
    private string? Blocker(CheckoutAction action) => _can!.For(action).Blocker?.Message;

    private ActionOutcome Failed(CheckoutError error) => ActionOutcome.Failure(CheckoutActions.ApiName(error.Action), error, Now);

    private async Task StartAsync()
    {
        var result = await Service.CheckoutSessionAsync(NewCaller(), _cartId);
        _lastResult = result.IsSuccess
            ? ActionOutcome.Success("checkoutSessionAction", $"Checkout session {result.Value} is open (requestId); the cart is in Checkout.", Now)
            : Failed(result.Error!);
    }

    /// <summary>From the session as drawn: the state the buyer saw is the expCurrentState.</summary>
    private async Task UpdateAsync(CartCheckoutSession? session)
    {
        if (session is null)
        {
            return;
        }

        var next = CheckoutFlow.NextOf(session.State)!;
        var result = await Service.UpdateCheckoutSessionAsync(NewCaller(), session.Id, next, session.State);
        _lastResult = result.IsSuccess
            ? ActionOutcome.Success("updateCheckoutSessionAction", CheckoutFlow.IsTaskState(session.State)
                ? $"NextState is now '{next}'; the session waits in '{session.State}' until its task runs."
                : $"The session moved from '{session.State}' to '{next}'.", Now)
            : Failed(result.Error!);
    }

    private async Task CartToOrderAsync() =>
        _lastResult = TaskOutcome("cartToOrderAction", await Service.CartToOrderAsync(NewCaller(), _cartId));

    private async Task ActivateAsync() =>
        _lastResult = TaskOutcome("activateOrderAction", await Service.ActivateOrderAsync(NewCaller(), _cartId, OrderStatuses.Activated));

    private async Task CancelAsync()
    {
        var result = await Service.CancelCartAsyncOperationAsync(NewCaller(), _cartId);
        _lastResult = result.IsSuccess
            ? ActionOutcome.Success("cancelCartAsyncOperation", "The checkout is canceled: running tasks were canceled, the session archived, and the cart is Active.", Now)
            : Failed(result.Error!);
    }

    private ActionOutcome TaskOutcome(string action, Result<string> result) => result.IsSuccess
        ? ActionOutcome.Success(action, $"Background operation {result.Value} started (backgroundOperationId). The action only starts the task: its outcome shows under Background operations and on the stepper.", Now)
        : Failed(result.Error!);

    /// <summary>The flow's next step from the state the buyer saw; a screen's data is saved first.</summary>
    private Task NextAsync(string sessionId, string expectedState) => RunAsync(NextKey, async () =>
    {
        _formError = null;
        if (!await SaveScreenAsync(expectedState))
        {
            return;
        }

        var result = await Service.AdvanceAsync(NewCaller(), sessionId, expectedState);
        if (!result.IsSuccess)
        {
            _lastResult = Failed(result.Error!);
            return;
        }

        var next = CheckoutFlow.NextOf(expectedState);
        _lastResult = ActionOutcome.Success(result.Value!.Action, CheckoutFlow.IsTaskState(expectedState)
            ? $"The {expectedState} task started as background operation {result.Value.RecordId}. The action only starts the task: if it completes, the session moves to '{next}'; its outcome shows under Background operations and on the stepper."
            : $"The session moved from '{expectedState}' to '{next}'.", Now);
    });

    private async Task<bool> SaveScreenAsync(string state)
    {
        CheckoutDetails? details = state switch
        {
            CheckoutFlow.Start => new(_shipping, null, null, null),
            CheckoutFlow.DeliveryMethod => new(null, _delivery, null, null),
            CheckoutFlow.PaymentAndBillingAddress => new(null, null, _po, _billing),
            _ => null,
        };
        if (details is null)
        {
            return true;
        }

        _formError = state switch
        {
            CheckoutFlow.Start when string.IsNullOrWhiteSpace(_shipping) => "Enter the shipping address.",
            CheckoutFlow.DeliveryMethod when _delivery is null => "Choose a delivery method.",
            CheckoutFlow.PaymentAndBillingAddress when string.IsNullOrWhiteSpace(_po) => "Enter the PO number.",
            CheckoutFlow.PaymentAndBillingAddress when string.IsNullOrWhiteSpace(_billing) => "Enter the billing address.",
            _ => null,
        };
        if (_formError is not null)
        {
            return false;
        }

        var saved = await Carts.SaveCheckoutDetailsAsync(NewCaller(), _cartId, details);
        _formError = saved.Error?.Message;
        return saved.IsSuccess;
    }
}
