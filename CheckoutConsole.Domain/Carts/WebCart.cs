using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Carts;

public static class CartStatuses
{
    public const string Active = "Active";
    public const string Checkout = "Checkout";
    public const string Processing = "Processing";
    public const string Closed = "Closed";
    public const string PendingDelete = "PendingDelete";

    public static IReadOnlyList<string> All { get; } = [Active, Checkout, Processing, Closed, PendingDelete];
}

public sealed class WebCart : IVersioned
{
    public const int MaxQuantity = 10_000;

    private WebCart() { }

    public string Id { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public string WebStoreId { get; private set; } = default!;
    public string AccountId { get; private set; } = default!;
    public string OwnerId { get; private set; } = default!;
    public string Status { get; private set; } = CartStatuses.Active;
    public string Type { get; private set; } = "Cart";
    public decimal TotalProductAmount { get; private set; }
    public decimal TotalChargeAmount { get; private set; }
    public decimal TotalTaxAmount { get; private set; }
    public decimal GrandTotalAmount { get; private set; }
    public string? PoNumber { get; private set; }
    public string? ShippingAddress { get; private set; }
    public string? DeliveryMethod { get; private set; }
    public string? BillingAddress { get; private set; }
    public DateTime CreatedDate { get; private set; }
    public DateTime LastModifiedDate { get; private set; }
    public int Version { get; set; }

    public List<CartItem> Items { get; private set; } = [];

    public bool IsInCheckout => Status is CartStatuses.Checkout or CartStatuses.Processing;

    public static WebCart Create(IdSequences ids, string name, string webStoreId, string accountId, string ownerId, DateTime now) =>
        new()
        {
            Id = ids.Next(KeyPrefixes.WebCart),
            Name = name,
            WebStoreId = webStoreId,
            AccountId = accountId,
            OwnerId = ownerId,
            CreatedDate = now,
            LastModifiedDate = now,
        };

    public void SetStatus(string status, DateTime now)
    {
        Status = status;
        LastModifiedDate = now;
    }

    public CartItem AddProduct(IdSequences ids, string productId, string sku, string name, decimal price, int quantity, DateTime now)
    {
        var item = CartItem.CreateProduct(ids, Id, productId, sku, name, price, quantity);
        Items.Add(item);
        OnLinesChanged(now);
        return item;
    }

    public void SetQuantity(CartItem item, int quantity, DateTime now)
    {
        item.SetQuantity(quantity);
        OnLinesChanged(now);
    }

    public void RemoveItem(CartItem item, DateTime now)
    {
        Items.Remove(item);
        OnLinesChanged(now);
    }

    public void SetShippingAddress(string address, DateTime now) { ShippingAddress = address; LastModifiedDate = now; }

    public void SetDeliveryMethod(string method, DateTime now) { DeliveryMethod = method; LastModifiedDate = now; }

    public void SetPaymentDetails(string poNumber, string billingAddress, DateTime now)
    {
        PoNumber = poNumber;
        BillingAddress = billingAddress;
        LastModifiedDate = now;
    }

    /// <summary>
    /// A line change invalidates what checkout computed from the old lines (shipping charge, tax):
    /// both are dropped here and computed again by the next checkout, so totals always add up.
    /// </summary>
    private void OnLinesChanged(DateTime now)
    {
        Items.RemoveAll(i => i.Type == CartItemTypes.Charge);
        TotalTaxAmount = 0;
        RecalculateTotals(now);
    }

    public void SetShippingCharge(IdSequences ids, string name, decimal amount, DateTime now)
    {
        Items.RemoveAll(i => i.Type == CartItemTypes.Charge);
        Items.Add(CartItem.CreateCharge(ids, Id, name, amount));
        RecalculateTotals(now);
    }

    public void SetTax(decimal tax, DateTime now)
    {
        TotalTaxAmount = tax;
        RecalculateTotals(now);
    }

    public void RecalculateTotals(DateTime now)
    {
        TotalProductAmount = Items.Where(i => i.Type == CartItemTypes.Product).Sum(i => i.TotalPrice);
        TotalChargeAmount = Items.Where(i => i.Type == CartItemTypes.Charge).Sum(i => i.TotalPrice);
        GrandTotalAmount = TotalProductAmount + TotalChargeAmount + TotalTaxAmount;
        LastModifiedDate = now;
    }
}

public static class CartItemTypes
{
    public const string Product = "Product";
    public const string Charge = "Charge";
}

public sealed class CartItem
{
    private CartItem() { }

    public string Id { get; private set; } = default!;
    public string CartId { get; private set; } = default!;
    public string? Product2Id { get; private set; }
    public string Sku { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public string Type { get; private set; } = CartItemTypes.Product;
    public int Quantity { get; private set; }
    public decimal ListPrice { get; private set; }
    public decimal SalesPrice { get; private set; }
    public decimal TotalAdjustmentAmount { get; private set; }
    public decimal TotalPrice { get; private set; }

    internal static CartItem CreateProduct(IdSequences ids, string cartId, string productId, string sku, string name, decimal price, int quantity)
    {
        var item = new CartItem
        {
            Id = ids.Next(KeyPrefixes.CartItem),
            CartId = cartId,
            Product2Id = productId,
            Sku = sku,
            Name = name,
            Type = CartItemTypes.Product,
            ListPrice = price,
            SalesPrice = price,
        };
        item.SetQuantity(quantity);
        return item;
    }

    internal static CartItem CreateCharge(IdSequences ids, string cartId, string name, decimal amount) =>
        new()
        {
            Id = ids.Next(KeyPrefixes.CartItem),
            CartId = cartId,
            Sku = "SHIPPING",
            Name = name,
            Type = CartItemTypes.Charge,
            Quantity = 1,
            ListPrice = amount,
            SalesPrice = amount,
            TotalPrice = amount,
        };

    internal void SetQuantity(int quantity)
    {
        Quantity = quantity;
        TotalAdjustmentAmount = 0;
        Recalculate();
    }

    internal void Reprice(decimal listPrice)
    {
        ListPrice = listPrice;
        SalesPrice = listPrice;
        Recalculate();
    }

    internal void SetAdjustment(decimal adjustment)
    {
        TotalAdjustmentAmount = adjustment;
        Recalculate();
    }

    private void Recalculate() => TotalPrice = (SalesPrice * Quantity) + TotalAdjustmentAmount;
}

public sealed class CartShare
{
    private CartShare() { }

    public string CartId { get; private set; } = default!;
    public string UserId { get; private set; } = default!;

    public static CartShare Create(string cartId, string userId) => new() { CartId = cartId, UserId = userId };
}
