namespace CheckoutConsole.Domain.Common;

public static class KeyPrefixes
{
    public const string WebStore = "0ZE";
    public const string Account = "001";
    public const string User = "005";
    public const string Product2 = "01t";
    public const string WebCart = "0a6";
    public const string CartItem = "0a9";
    public const string CartCheckoutSession = "2z9";
    public const string CartValidationOutput = "0a8";
    public const string BackgroundOperation = "0Fd";
    public const string Order = "801";
    public const string OrderItem = "802";
    public const string OrderSummary = "1Os";
    public const string Organization = "00D";

    public static IReadOnlyDictionary<string, string> ObjectByPrefix { get; } = new Dictionary<string, string>
    {
        [WebStore] = "WebStore",
        [Account] = "Account",
        [User] = "User",
        [Product2] = "Product2",
        [WebCart] = "WebCart",
        [CartItem] = "CartItem",
        [CartCheckoutSession] = "CartCheckoutSession",
        [CartValidationOutput] = "CartValidationOutput",
        [BackgroundOperation] = "BackgroundOperation",
        [Order] = "Order",
        [OrderItem] = "OrderItem",
        [OrderSummary] = "OrderSummary",
    };
}
