namespace CheckoutConsole.Api.Commerce;

/// <summary>
/// Connect API shapes: Salesforce's Commerce cart resources write amounts and quantities as
/// strings (e.g. "24.99"), and so do these.
/// </summary>
public sealed record CartSummary(
    string CartId,
    string Name,
    string Status,
    string Type,
    string WebstoreId,
    string AccountId,
    string OwnerId,
    string? PurchaseOrderNumber,
    string TotalProductAmount,
    string TotalChargeAmount,
    string TotalTaxAmount,
    string GrandTotalAmount,
    int UniqueProductCount,
    string CurrencyIsoCode);

public sealed record CartItemResult(
    string CartItemId,
    string CartId,
    string? ProductId,
    string Name,
    string Type,
    string Quantity,
    string ListPrice,
    string SalesPrice,
    string TotalAdjustmentAmount,
    string TotalPrice);

public sealed record CartInput(string? EffectiveAccountId, string? Type);

public sealed record CartItemInput(string ProductId, object Quantity, string? Type);

public sealed record CartItemQuantityInput(object Quantity);
