using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Tests.Spec;

public sealed record SpecRow(CheckoutAction Action, int Row, string Condition, string Code, int HttpStatus);

/// <summary>
/// The oracle for error codes: SPEC §5's tables (and the seed pages), copied here by hand as text,
/// action by action and row by row. Tests compare the product against these literals, never against
/// <see cref="ErrorCatalog"/>, so a wrong code or status in the catalog turns a test red.
/// </summary>
public static class SpecErrorTable
{
    // action | row | condition | code | HTTP
    private const string Table = """
        checkoutSessionAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        checkoutSessionAction | 2 | cartId missing, malformed, not found, or not editable by the caller | UNKNOWN_EXCEPTION | 500
        checkoutSessionAction | 3 | caller can't buy for the cart's account | BAD_REQUEST | 400
        checkoutSessionAction | 4 | cart's account isn't valid | BAD_REQUEST | 400
        checkoutSessionAction | 5 | cart's account isn't a member of the store | BAD_REQUEST | 400
        checkoutSessionAction | 6 | cart is Processing, or its session IsProcessing | BAD_REQUEST | 400
        checkoutSessionAction | 7 | cart is Closed or PendingDelete | INVALID_OPERATION | 403
        checkoutSessionAction | 8 | initialState isn't a state of the flow | INVALID_INPUT | 400
        checkoutSessionAction | 9 | the session couldn't be created (fault injected) | UNKNOWN_EXCEPTION | 500

        updateCheckoutSessionAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        updateCheckoutSessionAction | 2 | checkoutSessionId malformed | UNKNOWN_EXCEPTION | 403
        updateCheckoutSessionAction | 3 | session not found, or its cart not editable by the caller | INSUFFICIENT_ACCESS_OR_READONLY | 400
        updateCheckoutSessionAction | 4 | caller can't buy for the cart's account, or the account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 400
        updateCheckoutSessionAction | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 400
        updateCheckoutSessionAction | 6 | nextState or expCurrentState missing, or nextState not a state of the flow | INVALID_INPUT | 400
        updateCheckoutSessionAction | 7 | cart is Closed or Processing, or the session is archived | INVALID_OPERATION | 403
        updateCheckoutSessionAction | 8 | session IsProcessing | INVALID_INPUT | 403
        updateCheckoutSessionAction | 9 | State isn't expCurrentState | CHECKOUT_CONFLICT | 409

        cartToOrderAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        cartToOrderAction | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        cartToOrderAction | 3 | caller can't edit the cart | BAD_REQUEST | 400
        cartToOrderAction | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        cartToOrderAction | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        cartToOrderAction | 6 | a background operation of the cart is New or Running | ALREADY_IN_PROCESS | 400
        cartToOrderAction | 7 | cart isn't Checkout | INVALID_OPERATION | 403
        cartToOrderAction | 8 | no open session, State isn't Cart To Order, NextState empty, or IsProcessing | INVALID_INPUT | 403

        activateOrderAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        activateOrderAction | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        activateOrderAction | 3 | caller can't edit the cart | BAD_REQUEST | 400
        activateOrderAction | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        activateOrderAction | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        activateOrderAction | 6 | orderStatus isn't Activated | UNKNOWN_EXCEPTION | 500
        activateOrderAction | 7 | a background operation of the cart is New or Running | ALREADY_IN_PROCESS | 400
        activateOrderAction | 8 | cart isn't Checkout | INVALID_OPERATION | 403
        activateOrderAction | 9 | undismissed validation outputs of level Error | INVALID_INPUT | 403
        activateOrderAction | 10 | no open session, State isn't Activate Order, or NextState empty | INVALID_INPUT | 403
        activateOrderAction | 11 | session IsProcessing | INVALID_INPUT | 403
        activateOrderAction | 12 | session.OrderId empty or the order isn't Draft | INVALID_INPUT | 403
        activateOrderAction | 13 | an OrderSummary already exists for the order | UNKNOWN_EXCEPTION | 500
        activateOrderAction | 14 | the OrderSummary couldn't be created (fault injected) | UNKNOWN_EXCEPTION | 403

        cancelCartAsyncOperation | 1 | caller can't invoke actions | BAD_REQUEST | 400
        cancelCartAsyncOperation | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        cancelCartAsyncOperation | 3 | caller can't edit the cart | BAD_REQUEST | 400
        cancelCartAsyncOperation | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        cancelCartAsyncOperation | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        cancelCartAsyncOperation | 6 | cart is Closed | INVALID_OPERATION | 403

        checkCartInventoryAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        checkCartInventoryAction | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        checkCartInventoryAction | 3 | caller can't edit the cart | BAD_REQUEST | 400
        checkCartInventoryAction | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        checkCartInventoryAction | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        checkCartInventoryAction | 6 | a background operation of the cart is New or Running | ALREADY_IN_PROCESS | 400
        checkCartInventoryAction | 7 | cart isn't Checkout | INVALID_OPERATION | 403
        checkCartInventoryAction | 8 | no open session, State isn't Inventory, NextState empty, or IsProcessing | INVALID_INPUT | 403

        priceCart | 1 | caller can't invoke actions | BAD_REQUEST | 400
        priceCart | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        priceCart | 3 | caller can't edit the cart | BAD_REQUEST | 400
        priceCart | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        priceCart | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        priceCart | 6 | a background operation of the cart is New or Running | ALREADY_IN_PROCESS | 400
        priceCart | 7 | cart isn't Checkout | INVALID_OPERATION | 403
        priceCart | 8 | no open session, State isn't Confirm Price, NextState empty, or IsProcessing | INVALID_INPUT | 403

        calcCartPromotionsAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        calcCartPromotionsAction | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        calcCartPromotionsAction | 3 | caller can't edit the cart | BAD_REQUEST | 400
        calcCartPromotionsAction | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        calcCartPromotionsAction | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        calcCartPromotionsAction | 6 | a background operation of the cart is New or Running | ALREADY_IN_PROCESS | 400
        calcCartPromotionsAction | 7 | cart isn't Checkout | INVALID_OPERATION | 403
        calcCartPromotionsAction | 8 | no open session, State isn't Calculate Promotions, NextState empty, or IsProcessing | INVALID_INPUT | 403

        calcCartShipmentAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        calcCartShipmentAction | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        calcCartShipmentAction | 3 | caller can't edit the cart | BAD_REQUEST | 400
        calcCartShipmentAction | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        calcCartShipmentAction | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        calcCartShipmentAction | 6 | a background operation of the cart is New or Running | ALREADY_IN_PROCESS | 400
        calcCartShipmentAction | 7 | cart isn't Checkout | INVALID_OPERATION | 403
        calcCartShipmentAction | 8 | no open session, State isn't Shipping Cost, NextState empty, or IsProcessing | INVALID_INPUT | 403

        calcCartTaxesAction | 1 | caller can't invoke actions | BAD_REQUEST | 400
        calcCartTaxesAction | 2 | cartId missing, malformed or not found | UNKNOWN_EXCEPTION | 500
        calcCartTaxesAction | 3 | caller can't edit the cart | BAD_REQUEST | 400
        calcCartTaxesAction | 4 | caller can't buy for the account, or account isn't valid | INSUFFICIENT_ACCESS_OR_READONLY | 500
        calcCartTaxesAction | 5 | account isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 500
        calcCartTaxesAction | 6 | a background operation of the cart is New or Running | ALREADY_IN_PROCESS | 400
        calcCartTaxesAction | 7 | cart isn't Checkout | INVALID_OPERATION | 403
        calcCartTaxesAction | 8 | no open session, State isn't Taxes, NextState empty, or IsProcessing | INVALID_INPUT | 403

        cartEdit | 1 | an input is missing or malformed (quantity, product, line, store, account) | INVALID_INPUT | 400
        cartEdit | 2 | the cart, product or line doesn't exist or isn't visible to the caller | NOT_FOUND | 404
        cartEdit | 3 | caller can't invoke actions | BAD_REQUEST | 400
        cartEdit | 4 | caller can't buy for the account, the account isn't valid or isn't a member of the store | INSUFFICIENT_ACCESS_OR_READONLY | 403
        cartEdit | 5 | cart is Closed or PendingDelete | INVALID_OPERATION | 403
        """;

    public static IReadOnlyList<SpecRow> Rows { get; } = Parse();

    public static SpecRow Row(CheckoutAction action, int row) =>
        Rows.SingleOrDefault(r => r.Action == action && r.Row == row)
            ?? throw new InvalidOperationException($"SPEC §5 has no row {row} for {action}.");

    private static List<SpecRow> Parse() =>
    [
        .. Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            return new SpecRow(ActionNamed(cells[0]), int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), cells[2], cells[3],
                int.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture));
        }),
    ];

    private static CheckoutAction ActionNamed(string apiName) => apiName switch
    {
        "checkoutSessionAction" => CheckoutAction.CheckoutSession,
        "updateCheckoutSessionAction" => CheckoutAction.UpdateCheckoutSession,
        "cartToOrderAction" => CheckoutAction.CartToOrder,
        "activateOrderAction" => CheckoutAction.ActivateOrder,
        "cancelCartAsyncOperation" => CheckoutAction.CancelCartAsyncOperation,
        "checkCartInventoryAction" => CheckoutAction.CheckCartInventory,
        "priceCart" => CheckoutAction.PriceCart,
        "calcCartPromotionsAction" => CheckoutAction.CalcCartPromotions,
        "calcCartShipmentAction" => CheckoutAction.CalcCartShipment,
        "calcCartTaxesAction" => CheckoutAction.CalcCartTaxes,
        "cartEdit" => CheckoutAction.CartEdit,
        _ => throw new InvalidOperationException($"Unknown action '{apiName}' in the SPEC table."),
    };
}
