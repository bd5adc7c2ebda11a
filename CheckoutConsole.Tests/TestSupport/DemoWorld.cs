using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.TestSupport;

/// <summary>Named handles on the demo data of SPEC §7, so tests say "Alice's Acme cart", not an id.</summary>
public sealed class DemoWorld
{
    private Dictionary<string, string> _users = [];
    private Dictionary<string, string> _carts = [];
    private Dictionary<string, string> _products = [];

    public string AliceAcmeCart => _carts["Alice's office restock"];
    public string AliceUmbrellaCart => _carts["Umbrella Corp order"];
    public string BobCart => _carts["Bob's desk setup"];
    public string CarolGlobexCart => _carts["Initech supplies"];
    public string CarolAcmeCart => _carts["Initech at Acme"];
    public string DaveCart => _carts["Dave's cart"];
    public string AcmeStoreId { get; private set; } = default!;
    public string AcmeAccountId { get; private set; } = default!;

    public string UserId(string username) => _users[username];

    public string ProductId(string sku) => _products[sku];

    public static Task<DemoWorld> LoadAsync(DomainHarness harness) => LoadAsync(harness.NewContext);

    public static async Task<DemoWorld> LoadAsync(Func<CheckoutDbContext> newContext)
    {
        await using var db = newContext();
        return new DemoWorld
        {
            _users = await db.Users.ToDictionaryAsync(u => u.Username, u => u.Id),
            _carts = await db.Carts.ToDictionaryAsync(c => c.Name, c => c.Id),
            _products = await db.Products.ToDictionaryAsync(p => p.Sku, p => p.Id),
            AcmeStoreId = await db.WebStores.Where(s => s.Name == DemoData.AcmeStore).Select(s => s.Id).FirstAsync(),
            AcmeAccountId = await db.Accounts.Where(a => a.Name == DemoData.AcmeSupply).Select(a => a.Id).FirstAsync(),
        };
    }
}
