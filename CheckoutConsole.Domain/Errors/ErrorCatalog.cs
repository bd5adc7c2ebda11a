namespace CheckoutConsole.Domain.Errors;

public enum CheckoutAction
{
    CheckoutSession,
    UpdateCheckoutSession,
    CartToOrder,
    ActivateOrder,
    CancelCartAsyncOperation,
    CheckCartInventory,
    PriceCart,
    CalcCartPromotions,
    CalcCartShipment,
    CalcCartTaxes,
    CartEdit,
}

/// <summary>What a check found wrong; the catalog maps each to its action's row.</summary>
public enum ErrorRule
{
    CannotInvoke,
    RecordIdMalformed,
    RecordNotFound,
    CannotEditCart,
    CannotBuyFor,
    AccountInvalid,
    NotStoreMember,
    CartInProgress,
    CartClosed,
    InvalidInitialState,
    SessionCreationFailed,
    InvalidStateInput,
    SessionNotUpdatable,
    SessionProcessing,
    StateConflict,
    OperationInProgress,
    CartNotInCheckout,
    SessionNotReady,
    InvalidOrderStatus,
    UnresolvedErrors,
    OrderNotDraft,
    OrderSummaryExists,
    OrderSummaryFailed,
    TaskFailed,
    InvalidInput,
    ProductNotFound,
    CartItemNotFound,
}

public sealed record ErrorRow(CheckoutAction Action, int Row, string Condition, string Code, int HttpStatus, IReadOnlyList<ErrorRule> Rules);

public sealed record CheckoutError(CheckoutAction Action, ErrorRule Rule, string Code, int HttpStatus, string Condition, string Message)
{
    public override string ToString() => $"{Code} ({HttpStatus}): {Message}";
}

/// <summary>
/// The closed catalog of checkout errors, one row per row of SPEC §5's tables: condition (the seed's
/// name), Salesforce code and HTTP status. The API, the consoles and the tests read this table.
/// </summary>
public static class ErrorCatalog
{
    private const string BadRequest = "BAD_REQUEST";
    private const string UnknownException = "UNKNOWN_EXCEPTION";
    private const string InsufficientAccess = "INSUFFICIENT_ACCESS_OR_READONLY";
    private const string InvalidOperation = "INVALID_OPERATION";
    private const string InvalidInput = "INVALID_INPUT";
    private const string AlreadyInProcess = "ALREADY_IN_PROCESS";

    // Declared before Rows, which is built from it.
    public static IReadOnlyList<CheckoutAction> IntegrationActions { get; } =
    [
        CheckoutAction.CheckCartInventory, CheckoutAction.PriceCart, CheckoutAction.CalcCartPromotions,
        CheckoutAction.CalcCartShipment, CheckoutAction.CalcCartTaxes,
    ];

    public static IReadOnlyList<ErrorRow> Rows { get; } = BuildRows();

    private static readonly Dictionary<(CheckoutAction, ErrorRule), ErrorRow> ByRule = Rows
        .SelectMany(row => row.Rules.Select(rule => (Key: (row.Action, rule), Row: row)))
        .ToDictionary(x => x.Key, x => x.Row);

    public static IEnumerable<ErrorRow> For(CheckoutAction action) => Rows.Where(r => r.Action == action);

    public static ErrorRow Row(CheckoutAction action, ErrorRule rule) =>
        ByRule.TryGetValue((action, rule), out var row)
            ? row
            : throw new InvalidOperationException($"The catalog has no row for {rule} in {action}.");

    public static CheckoutError Error(CheckoutAction action, ErrorRule rule, string message)
    {
        var row = Row(action, rule);
        return new CheckoutError(action, rule, row.Code, row.HttpStatus, row.Condition, message);
    }

    private static List<ErrorRow> BuildRows()
    {
        var rows = new List<ErrorRow>();
        void Add(CheckoutAction action, string condition, string code, int status, params ErrorRule[] rules) =>
            rows.Add(new ErrorRow(action, rows.Count(r => r.Action == action) + 1, condition, code, status, rules));

        var a = CheckoutAction.CheckoutSession;
        Add(a, "User Can't Invoke Action", BadRequest, 400, ErrorRule.CannotInvoke);
        Add(a, "Invalid Cart ID or Inadequate User Access", UnknownException, 500,
            ErrorRule.RecordIdMalformed, ErrorRule.RecordNotFound, ErrorRule.CannotEditCart);
        Add(a, "User Can't Buy for the Account", BadRequest, 400, ErrorRule.CannotBuyFor);
        Add(a, "Account Associated With Cart Is Invalid", BadRequest, 400, ErrorRule.AccountInvalid);
        Add(a, "User Isn't a Member of the Store", BadRequest, 400, ErrorRule.NotStoreMember);
        Add(a, "Cart Is Already in Progress", BadRequest, 400, ErrorRule.CartInProgress);
        Add(a, "Cart Is Closed or Pending Delete", InvalidOperation, 403, ErrorRule.CartClosed);
        Add(a, "Invalid Initial State", InvalidInput, 400, ErrorRule.InvalidInitialState);
        Add(a, "Checkout Session Couldn't Be Created", UnknownException, 500, ErrorRule.SessionCreationFailed);

        a = CheckoutAction.UpdateCheckoutSession;
        Add(a, "User Can't Invoke Action", BadRequest, 400, ErrorRule.CannotInvoke);
        Add(a, "Invalid Checkout Session ID", UnknownException, 403, ErrorRule.RecordIdMalformed);
        Add(a, "Invalid Session or Inadequate User Access", InsufficientAccess, 400, ErrorRule.RecordNotFound, ErrorRule.CannotEditCart);
        Add(a, "Account Associated With Cart Is Invalid or Inaccessible", InsufficientAccess, 400, ErrorRule.CannotBuyFor, ErrorRule.AccountInvalid);
        Add(a, "User Isn't a Member of the Store", InsufficientAccess, 400, ErrorRule.NotStoreMember);
        Add(a, "Invalid State Input", InvalidInput, 400, ErrorRule.InvalidStateInput);
        Add(a, "Cart Is Closed or Processing, or Session Is Archived", InvalidOperation, 403, ErrorRule.SessionNotUpdatable);
        Add(a, "Session Is Processing", InvalidInput, 403, ErrorRule.SessionProcessing);
        Add(a, "Expected Validation Error", "CHECKOUT_CONFLICT", 409, ErrorRule.StateConflict);

        AddOrderCallerRows(CheckoutAction.CartToOrder);
        a = CheckoutAction.CartToOrder;
        Add(a, "Integration Is Already in Progress", AlreadyInProcess, 400, ErrorRule.OperationInProgress);
        Add(a, "Cart Isn't in Checkout", InvalidOperation, 403, ErrorRule.CartNotInCheckout);
        Add(a, "Checkout Session Isn't Ready to Create the Order", InvalidInput, 403,
            ErrorRule.SessionNotReady, ErrorRule.SessionProcessing, ErrorRule.TaskFailed);

        AddOrderCallerRows(CheckoutAction.ActivateOrder);
        a = CheckoutAction.ActivateOrder;
        Add(a, "Invalid Order Status", UnknownException, 500, ErrorRule.InvalidOrderStatus);
        Add(a, "Integration Is Already in Progress", AlreadyInProcess, 400, ErrorRule.OperationInProgress);
        Add(a, "Cart Isn't in Checkout", InvalidOperation, 403, ErrorRule.CartNotInCheckout);
        Add(a, "Cart Has Unresolved Errors", InvalidInput, 403, ErrorRule.UnresolvedErrors);
        Add(a, "Checkout Session Isn't Ready to Activate the Order", InvalidInput, 403, ErrorRule.SessionNotReady, ErrorRule.TaskFailed);
        Add(a, "Checkout Session Is Processing", InvalidInput, 403, ErrorRule.SessionProcessing);
        Add(a, "Order Isn't a Draft", InvalidInput, 403, ErrorRule.OrderNotDraft);
        Add(a, "Order Summary Already Exists", UnknownException, 500, ErrorRule.OrderSummaryExists);
        Add(a, "Order Summary Couldn't Be Created", UnknownException, 403, ErrorRule.OrderSummaryFailed);

        AddOrderCallerRows(CheckoutAction.CancelCartAsyncOperation);
        Add(CheckoutAction.CancelCartAsyncOperation, "Cancel a Closed Cart", InvalidOperation, 403, ErrorRule.CartClosed);

        foreach (var action in IntegrationActions)
        {
            AddOrderCallerRows(action);
            Add(action, "Integration Is Already in Progress", AlreadyInProcess, 400, ErrorRule.OperationInProgress);
            Add(action, "Cart Isn't in Checkout", InvalidOperation, 403, ErrorRule.CartNotInCheckout);
            // A failed task run inline (runAsync=false) reports as this row too: the session isn't
            // (any longer) where the task can complete it.
            Add(action, "Checkout Session Isn't Ready for the Task", InvalidInput, 403,
                ErrorRule.SessionNotReady, ErrorRule.SessionProcessing, ErrorRule.TaskFailed);
        }

        a = CheckoutAction.CartEdit;
        Add(a, "Invalid Input", InvalidInput, 400, ErrorRule.InvalidInput, ErrorRule.RecordIdMalformed);
        Add(a, "Not Found or Not Accessible", "NOT_FOUND", 404,
            ErrorRule.RecordNotFound, ErrorRule.ProductNotFound, ErrorRule.CartItemNotFound, ErrorRule.CannotEditCart);
        Add(a, "User Can't Edit Carts", BadRequest, 400, ErrorRule.CannotInvoke);
        Add(a, "Account Can't Buy in This Store", InsufficientAccess, 403,
            ErrorRule.CannotBuyFor, ErrorRule.AccountInvalid, ErrorRule.NotStoreMember);
        Add(a, "Cart Can't Be Edited", InvalidOperation, 403, ErrorRule.CartClosed);

        return rows;

        void AddOrderCallerRows(CheckoutAction action)
        {
            Add(action, "User Can't Invoke Action", BadRequest, 400, ErrorRule.CannotInvoke);
            Add(action, "Invalid Cart ID", UnknownException, 500, ErrorRule.RecordIdMalformed, ErrorRule.RecordNotFound);
            Add(action, "User Doesn't Have Access to the Cart", BadRequest, 400, ErrorRule.CannotEditCart);
            Add(action, "Account Associated With Cart Is Invalid or Inaccessible", InsufficientAccess, 500, ErrorRule.CannotBuyFor, ErrorRule.AccountInvalid);
            Add(action, "User Isn't a Member of the Store", InsufficientAccess, 500, ErrorRule.NotStoreMember);
        }
    }
}
