using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Orders;

public static class OrderStatuses
{
    public const string Draft = "Draft";
    public const string Activated = "Activated";
}

public sealed class Order : IVersioned
{
    private Order() { }

    public string Id { get; private set; } = default!;
    public string OrderNumber { get; private set; } = default!;
    public string AccountId { get; private set; } = default!;
    public string OwnerId { get; private set; } = default!;
    public string SalesStoreId { get; private set; } = default!;
    public string CartId { get; private set; } = default!;
    public string CheckoutSessionId { get; private set; } = default!;
    public string Status { get; private set; } = OrderStatuses.Draft;
    public DateTime OrderedDate { get; private set; }
    public decimal TotalAmount { get; private set; }
    public decimal TotalTaxAmount { get; private set; }
    public string? PoNumber { get; private set; }
    public int Version { get; set; }

    public List<OrderItem> Items { get; private set; } = [];

    public static Order CreateDraft(IdSequences ids, WebCart cart, string sessionId, DateTime now)
    {
        var order = new Order
        {
            Id = ids.Next(KeyPrefixes.Order),
            OrderNumber = "0000" + now.ToString("yyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture),
            AccountId = cart.AccountId,
            OwnerId = cart.OwnerId,
            SalesStoreId = cart.WebStoreId,
            CartId = cart.Id,
            CheckoutSessionId = sessionId,
            OrderedDate = now,
            TotalAmount = cart.GrandTotalAmount,
            TotalTaxAmount = cart.TotalTaxAmount,
            PoNumber = cart.PoNumber,
        };
        order.Items.AddRange(cart.Items.Select(i => OrderItem.FromCartItem(ids, order.Id, i)));
        return order;
    }

    public void Activate() => Status = OrderStatuses.Activated;
}

public static class OrderItemTypes
{
    public const string OrderProduct = "Order Product";
    public const string DeliveryCharge = "Delivery Charge";
}

public sealed class OrderItem
{
    private OrderItem() { }

    public string Id { get; private set; } = default!;
    public string OrderId { get; private set; } = default!;
    public string? Product2Id { get; private set; }
    public string Type { get; private set; } = OrderItemTypes.OrderProduct;
    public string Name { get; private set; } = default!;
    public int Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal TotalLineAmount { get; private set; }

    internal static OrderItem FromCartItem(IdSequences ids, string orderId, CartItem item) =>
        new()
        {
            Id = ids.Next(KeyPrefixes.OrderItem),
            OrderId = orderId,
            Product2Id = item.Product2Id,
            Type = item.Type == CartItemTypes.Charge ? OrderItemTypes.DeliveryCharge : OrderItemTypes.OrderProduct,
            Name = item.Name,
            Quantity = item.Quantity,
            UnitPrice = item.SalesPrice,
            TotalLineAmount = item.TotalPrice,
        };
}

public sealed class OrderSummary
{
    private OrderSummary() { }

    public string Id { get; private set; } = default!;
    public string OriginalOrderId { get; private set; } = default!;
    public string OrderLifeCycleType { get; private set; } = "UNMANAGED";
    public string Status { get; private set; } = "Created";
    public DateTime CreatedDate { get; private set; }

    public static OrderSummary Create(IdSequences ids, string orderId, DateTime now) =>
        new() { Id = ids.Next(KeyPrefixes.OrderSummary), OriginalOrderId = orderId, CreatedDate = now };
}
