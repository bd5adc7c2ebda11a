using CheckoutConsole.Domain.Operations;

namespace CheckoutConsole.Domain.Errors;

public sealed record ActionInput(string Name, string Type, bool Required, string Description);

public sealed record ActionSpec(
    CheckoutAction Action,
    string ApiName,
    string Label,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ActionInput> Inputs,
    IReadOnlyList<ActionInput> Outputs,
    string? TaskType);

/// <summary>The invocable actions as data: API names, aliases, inputs and outputs (REST list and describe read this).</summary>
public static class CheckoutActions
{
    private static readonly ActionInput CartId = new("cartId", "ID", true, "The ID of the cart (WebCart).");
    private static readonly ActionInput RunAsync = new("runAsync", "BOOLEAN", false, "Run the task in the background (default true); false runs it before the action returns.");
    private static readonly ActionInput BackgroundOperationId = new("backgroundOperationId", "ID", false, "The ID of the background operation that runs the task.");

    public static IReadOnlyList<ActionSpec> All { get; } =
    [
        new(CheckoutAction.CheckoutSession, "checkoutSessionAction", "Checkout Session Action", [],
            [CartId, new("initialState", "STRING", false, "The state a new session starts in (default Start).")],
            [new("requestId", "ID", false, "The ID of the checkout session.")], null),
        new(CheckoutAction.UpdateCheckoutSession, "updateCheckoutSessionAction", "Update Checkout Session Action", ["updateCheckoutSessionStateAction"],
            [
                new("checkoutSessionId", "ID", true, "The ID of the checkout session."),
                new("nextState", "STRING", true, "The state the session moves to after the tasks of the current state."),
                new("expCurrentState", "STRING", true, "The state the caller expects the session to be in."),
            ],
            [new("requestId", "ID", false, "The ID of the checkout session.")], null),
        new(CheckoutAction.CartToOrder, "cartToOrderAction", "Cart to Order Action", [], [CartId, RunAsync], [BackgroundOperationId], OperationTypes.CartToOrder),
        new(CheckoutAction.ActivateOrder, "activateOrderAction", "Activate Order Action", [],
            [CartId, new("orderStatus", "STRING", true, "The status to give the order: Activated."), RunAsync], [BackgroundOperationId], OperationTypes.ActivateOrder),
        new(CheckoutAction.CancelCartAsyncOperation, "cancelCartAsyncOperation", "Cancel Cart Async Operation", [], [CartId], [], null),
        new(CheckoutAction.CheckCartInventory, "checkCartInventoryAction", "Check Cart Inventory", [], [CartId, RunAsync], [BackgroundOperationId], OperationTypes.Inventory),
        new(CheckoutAction.PriceCart, "priceCart", "Price Cart", [], [CartId, RunAsync], [BackgroundOperationId], OperationTypes.Pricing),
        new(CheckoutAction.CalcCartPromotions, "calcCartPromotionsAction", "Calculate Cart Promotions", [], [CartId, RunAsync], [BackgroundOperationId], OperationTypes.Promotions),
        new(CheckoutAction.CalcCartShipment, "calcCartShipmentAction", "Calculate Cart Shipment", [], [CartId, RunAsync], [BackgroundOperationId], OperationTypes.Shipping),
        new(CheckoutAction.CalcCartTaxes, "calcCartTaxesAction", "Calculate Cart Taxes", [], [CartId, RunAsync], [BackgroundOperationId], OperationTypes.Taxes),
    ];

    public static ActionSpec? Find(string? apiName) =>
        apiName is null ? null : All.FirstOrDefault(a => a.ApiName == apiName || a.Aliases.Contains(apiName));

    public static ActionSpec Spec(CheckoutAction action) => All.First(a => a.Action == action);

    public static string ApiName(CheckoutAction action) =>
        action == CheckoutAction.CartEdit ? "cartEdit" : Spec(action).ApiName;

    public static CheckoutAction? IntegrationActionForTask(string taskType) =>
        All.FirstOrDefault(a => a.TaskType == taskType && ErrorCatalog.IntegrationActions.Contains(a.Action))?.Action;
}
