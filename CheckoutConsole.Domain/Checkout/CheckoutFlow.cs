using CheckoutConsole.Domain.Operations;

namespace CheckoutConsole.Domain.Checkout;

public enum StepKind
{
    Screen,
    Task,
}

public sealed record FlowStep(int Number, string State, StepKind Kind, string Description, string? Next, string? TaskType)
{
    public bool IsTask => Kind == StepKind.Task;
}

/// <summary>
/// Salesforce's re-entrant checkout flow as data: the consoles, the API and the tests all read this
/// one table (state, kind, task, next state).
/// </summary>
public static class CheckoutFlow
{
    public const string Start = "Start";
    public const string Inventory = "Inventory";
    public const string ConfirmPrice = "Confirm Price";
    public const string CalculatePromotions = "Calculate Promotions";
    public const string ShippingCost = "Shipping Cost";
    public const string DeliveryMethod = "Delivery Method";
    public const string Taxes = "Taxes";
    public const string PaymentAndBillingAddress = "Payment And Billing Address";
    public const string CheckoutSummary = "Checkout Summary";
    public const string CartToOrder = "Cart To Order";
    public const string AuthorizePayment = "Authorize Payment";
    public const string ActivateOrder = "Activate Order";
    public const string OrderConfirmation = "Order Confirmation";
    public const string Complete = "Complete";
    public const string Error = "Error";

    public static IReadOnlyList<FlowStep> Steps { get; } =
    [
        new(1, Start, StepKind.Screen, "Shipping address", Inventory, null),
        new(2, Inventory, StepKind.Task, "Check the stock of every product line", ConfirmPrice, OperationTypes.Inventory),
        new(3, ConfirmPrice, StepKind.Task, "Re-price lines from the product list price", CalculatePromotions, OperationTypes.Pricing),
        new(4, CalculatePromotions, StepKind.Task, "Apply promotions", ShippingCost, OperationTypes.Promotions),
        new(5, ShippingCost, StepKind.Task, "Compute shipping as a Charge cart item", DeliveryMethod, OperationTypes.Shipping),
        new(6, DeliveryMethod, StepKind.Screen, "Choose a delivery method", Taxes, null),
        new(7, Taxes, StepKind.Task, "Compute tax", PaymentAndBillingAddress, OperationTypes.Taxes),
        new(8, PaymentAndBillingAddress, StepKind.Screen, "PO number and billing address", CheckoutSummary, null),
        new(9, CheckoutSummary, StepKind.Screen, "Review", CartToOrder, null),
        new(10, CartToOrder, StepKind.Task, "Create the draft order (cartToOrderAction)", AuthorizePayment, OperationTypes.CartToOrder),
        new(11, AuthorizePayment, StepKind.Screen, "Authorize the payment (simulated)", ActivateOrder, null),
        new(12, ActivateOrder, StepKind.Task, "Activate the order (activateOrderAction)", OrderConfirmation, OperationTypes.ActivateOrder),
        new(13, OrderConfirmation, StepKind.Screen, "Show the order summary", Complete, null),
    ];

    /// <summary>Every value a session's State may take, and so every valid nextState / initialState.</summary>
    public static IReadOnlyList<string> States { get; } = [.. Steps.Select(s => s.State), Complete, Error];

    private static readonly Dictionary<string, FlowStep> ByState = Steps.ToDictionary(s => s.State, StringComparer.Ordinal);

    public static bool IsState(string? state) => state is not null && States.Contains(state, StringComparer.Ordinal);

    public static FlowStep? Step(string? state) => state is not null && ByState.TryGetValue(state, out var step) ? step : null;

    public static bool IsTaskState(string? state) => Step(state)?.IsTask == true;

    public static string? NextOf(string? state) => Step(state)?.Next;

    public static FlowStep? StepForTask(string taskType) => Steps.FirstOrDefault(s => s.TaskType == taskType);

    public static string StatesForMessage => string.Join(", ", States.Select(s => $"'{s}'"));
}
