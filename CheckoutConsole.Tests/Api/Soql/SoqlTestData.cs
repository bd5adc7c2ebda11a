using CheckoutConsole.Api.Soql;
using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Tests.Api.Soql;

internal static class SoqlTestData
{
    public const string CartA15 = "0a6Ws000001AbCd";
    public const string CartB15 = "0a6Ws000001XyZw";

    public static readonly SoqlObjectSchema CartCheckoutSession = new(
        "CartCheckoutSession",
        [
            new("Id", SoqlFieldType.Id),
            new("Name", SoqlFieldType.String),
            new("WebCartId", SoqlFieldType.Id),
            new("State", SoqlFieldType.String),
            new("NextState", SoqlFieldType.String),
            new("IsProcessing", SoqlFieldType.Boolean),
            new("IsError", SoqlFieldType.Boolean),
            new("IsArchived", SoqlFieldType.Boolean),
            new("BackgroundOperationId", SoqlFieldType.Id),
            new("OrderId", SoqlFieldType.Id),
            new("CreatedDate", SoqlFieldType.DateTime),
            new("LastModifiedDate", SoqlFieldType.DateTime),
        ]);

    public static readonly SoqlObjectSchema CartItem = new(
        "CartItem",
        [
            new("Id", SoqlFieldType.Id),
            new("Name", SoqlFieldType.String),
            new("CartId", SoqlFieldType.Id),
            new("Sku", SoqlFieldType.String),
            new("Quantity", SoqlFieldType.Number),
            new("TotalPrice", SoqlFieldType.Number),
            new("Type", SoqlFieldType.String),
        ]);

    public static readonly SoqlObjectSchema Order = new(
        "Order",
        [
            new("Id", SoqlFieldType.Id),
            new("OrderNumber", SoqlFieldType.String),
            new("Status", SoqlFieldType.String),
        ]);

    public static readonly Func<string, SoqlObjectSchema?> Lookup = SoqlEngine.CreateSchemaLookup([CartCheckoutSession, CartItem, Order]);

    public static string CartA => Id18(CartA15);

    public static string CartB => Id18(CartB15);

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Sessions { get; } =
    [
        Session("S1", CartA15, "Start", "Shipping Address", processing: false, error: false, archived: true, operation: null, order: null,
            At(2026, 11, 21, 9, 0), At(2026, 11, 21, 9, 5)),
        Session("S2", CartA15, "Checkout Summary", "Order Confirmation", processing: true, error: false, archived: false, operation: "08PWs000000Bg01", order: null,
            At(2026, 11, 21, 10, 0), At(2026, 11, 21, 10, 30)),
        Session("S3", CartB15, "Order Confirmation", null, processing: null, error: false, archived: false, operation: null, order: "801Ws000000Ord1",
            At(2026, 11, 20, 8, 0), At(2026, 11, 20, 8, 10)),
        Session("S4", CartB15, "Error", "Start", processing: false, error: true, archived: true, operation: null, order: null,
            new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(1)), null),
    ];

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Items { get; } =
    [
        Item("I1", "Red Shirt", "SKU_RED-01", 2, 39.98m, "Product"),
        Item("I2", "Blue Shirt", "SKUXRED-02", 1.5m, 30m, "Product"),
        Item("I3", "Shipping", "SKU%BLUE", 1, 5m, "Charge"),
        Item("I4", "Gift", "gift-card", null, 0m, "Product"),
        Item("I5", "Return", "RET-1", -3L, -20m, "Product"),
    ];

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Orders { get; } =
    [
        new Dictionary<string, object?> { ["Id"] = Id18("801Ws000000Ord1"), ["OrderNumber"] = "00000101", ["Status"] = "Activated" },
        new Dictionary<string, object?> { ["Id"] = Id18("801Ws000000Ord2"), ["OrderNumber"] = "00000102", ["Status"] = "Draft" },
    ];

    public static IEnumerable<IReadOnlyDictionary<string, object?>> RowsOf(SoqlObjectSchema schema) => schema.Name switch
    {
        "CartItem" => Items,
        "Order" => Orders,
        _ => Sessions,
    };

    public static SoqlResult Run(string query) => SoqlEngine.Execute(query, Lookup, RowsOf);

    public static string[] Names(SoqlResult result) => [.. result.Records.Select(record => (string)record["Name"]!)];

    public static string Id18(string id15) =>
        SalesforceId.TryParse(id15, out var id, out var problem) ? id.Value : throw new ArgumentException(problem);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static Dictionary<string, object?> Session(
        string name,
        string cart15,
        string state,
        string? nextState,
        bool? processing,
        bool error,
        bool archived,
        string? operation,
        string? order,
        DateTimeOffset created,
        DateTimeOffset? modified) => new()
        {
            ["Id"] = Id18("2z9Ws00000S000" + name[1..]),
            ["Name"] = name,
            ["WebCartId"] = Id18(cart15),
            ["State"] = state,
            ["NextState"] = nextState,
            ["IsProcessing"] = processing,
            ["IsError"] = error,
            ["IsArchived"] = archived,
            ["BackgroundOperationId"] = operation is null ? null : Id18(operation),
            ["OrderId"] = order is null ? null : Id18(order),
            ["CreatedDate"] = created,
            ["LastModifiedDate"] = modified,
        };

    private static Dictionary<string, object?> Item(string id, string name, string sku, object? quantity, decimal total, string type) => new()
    {
        ["Id"] = Id18("0a9Ws00000I000" + id[1..]),
        ["Name"] = name,
        ["CartId"] = Id18(CartA15),
        ["Sku"] = sku,
        ["Quantity"] = quantity,
        ["TotalPrice"] = total,
        ["Type"] = type,
    };
}
