using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Data;

/// <summary>The demo data set of SPEC §7; tests and the README rely on these names.</summary>
public static class DemoData
{
    public const string AcmeStore = "Acme B2B Store";
    public const string GlobexStore = "Globex Store";
    public const string AcmeSupply = "Acme Supply";
    public const string UmbrellaCorp = "Umbrella Corp";
    public const string Initech = "Initech";

    public const string Alice = "alice@acme.example";
    public const string Bob = "bob@acme.example";
    public const string Carol = "carol@initech.example";
    public const string Dave = "dave@acme.example";
    public const string Integrator = "integrator@console.example";
    public const string Admin = "admin@console.example";

    public static IReadOnlyDictionary<string, string> Passwords { get; } = new Dictionary<string, string>
    {
        [Alice] = "alice-demo",
        [Bob] = "bob-demo",
        [Carol] = "carol-demo",
        [Dave] = "dave-demo",
        [Integrator] = "integrator-demo",
        [Admin] = "admin-demo",
    };

    public const string OutOfStockSku = "SKU-7";
    public const string LowStockSku = "SKU-3";

    public static async Task<bool> SeedIfEmptyAsync(CheckoutDbContext db, DateTime now, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }

        var acmeStore = WebStore.Create(AcmeStore);
        var globexStore = WebStore.Create(GlobexStore);
        var acme = Account.Create(AcmeSupply);
        var umbrella = Account.Create(UmbrellaCorp, BuyerStatuses.Inactive);
        var initech = Account.Create(Initech);
        db.AddRange(acmeStore, globexStore, acme, umbrella, initech);
        db.AddRange(
            StoreMembership.Create(acmeStore.Id, acme.Id),
            StoreMembership.Create(acmeStore.Id, umbrella.Id),
            StoreMembership.Create(globexStore.Id, initech.Id));

        var alice = User.Create(Alice, "Alice Adams", Passwords[Alice], UserPermissions.B2BBuyer, acme.Id, [acme.Id, umbrella.Id]);
        var bob = User.Create(Bob, "Bob Baker", Passwords[Bob], UserPermissions.B2BBuyer, acme.Id, [acme.Id]);
        var carol = User.Create(Carol, "Carol Chen", Passwords[Carol], UserPermissions.B2BBuyer, initech.Id, [initech.Id]);
        var dave = User.Create(Dave, "Dave Doe", Passwords[Dave], UserPermissions.None, acme.Id, [acme.Id]);
        var integrator = User.Create(Integrator, "Integration User", Passwords[Integrator], UserPermissions.B2BCommerceIntegrator, null, []);
        var admin = User.Create(Admin, "Console Admin", Passwords[Admin], UserPermissions.ModifyAllData, null, []);
        db.AddRange(alice, bob, carol, dave, integrator, admin);

        Product2[] products =
        [
            Product2.Create("SKU-1", "Industrial Stapler", 24.99m, 500),
            Product2.Create("SKU-2", "Copy Paper, 10 Reams", 42.50m, 1000),
            Product2.Create(LowStockSku, "Ergonomic Office Chair", 289.00m, 3),
            Product2.Create("SKU-4", "Standing Desk", 649.00m, 25),
            Product2.Create("SKU-5", "Laser Printer Toner", 79.90m, 200),
            Product2.Create("SKU-6", "Whiteboard Markers, 12 Pack", 14.75m, 800),
            Product2.Create(OutOfStockSku, "Conference Speakerphone", 199.00m, 0),
            Product2.Create("SKU-8", "Cable Organizer Kit", 18.20m, 350),
            Product2.Create("SKU-9", "Monitor Arm", 119.00m, 60),
        ];
        db.Products.AddRange(products);
        var sku = products.ToDictionary(p => p.Sku);

        WebCart Cart(string name, WebStore store, Account account, User owner, params (string Sku, int Quantity)[] lines)
        {
            var cart = WebCart.Create(name, store.Id, account.Id, owner.Id, now);
            foreach (var (code, quantity) in lines)
            {
                var product = sku[code];
                cart.AddProduct(product.Id, product.Sku, product.Name, product.ListPrice, quantity, now);
            }

            db.Carts.Add(cart);
            return cart;
        }

        Cart("Alice's office restock", acmeStore, acme, alice, ("SKU-1", 12), ("SKU-2", 4), ("SKU-5", 2));
        var umbrellaCart = Cart("Umbrella Corp order", acmeStore, umbrella, alice, ("SKU-4", 1), ("SKU-6", 3));
        db.CartShares.Add(CartShare.Create(umbrellaCart.Id, bob.Id));
        Cart("Bob's desk setup", acmeStore, acme, bob, ("SKU-9", 2), ("SKU-8", 1));
        Cart("Initech supplies", globexStore, initech, carol, ("SKU-2", 10), ("SKU-6", 5));
        Cart("Initech at Acme", acmeStore, initech, carol, ("SKU-1", 1), ("SKU-8", 2));
        Cart("Dave's cart", acmeStore, acme, dave, ("SKU-6", 1), ("SKU-1", 1));

        await db.SaveChangesAsync(ct);
        return true;
    }
}
