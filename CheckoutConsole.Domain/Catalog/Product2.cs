using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Catalog;

public sealed class Product2
{
    private Product2() { }

    public string Id { get; private set; } = default!;
    public string Sku { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public decimal ListPrice { get; private set; }
    public int StockQuantity { get; private set; }

    public static Product2 Create(IdSequences ids, string sku, string name, decimal listPrice, int stockQuantity) =>
        new() { Id = ids.Next(KeyPrefixes.Product2), Sku = sku, Name = name, ListPrice = listPrice, StockQuantity = stockQuantity };

    public void SetListPrice(decimal listPrice) => ListPrice = listPrice;

    public void SetStockQuantity(int stockQuantity) => StockQuantity = stockQuantity;
}
