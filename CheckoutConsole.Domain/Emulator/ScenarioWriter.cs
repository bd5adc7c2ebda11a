using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>Adds a checked scenario's records to a context, in the scenario's order (which fixes their ids).</summary>
public static class ScenarioWriter
{
    /// <summary>Writes the scenario into an empty database; false when it already holds a world (a durable file).</summary>
    public static async Task<bool> SeedIfEmptyAsync(CheckoutDbContext db, IdSequences ids, Scenario scenario, DateTime now, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return false;
        }

        await SeedAsync(db, ids, scenario, now, ct);
        return true;
    }

    /// <summary>Writes the scenario into a database known to be empty (created moments ago), without asking it first.</summary>
    public static async Task SeedAsync(CheckoutDbContext db, IdSequences ids, Scenario scenario, DateTime now, CancellationToken ct = default)
    {
        AddTo(db, ids, scenario, now);
        await db.SaveChangesAsync(ct);
    }

    public static void AddTo(CheckoutDbContext db, IdSequences ids, Scenario scenario, DateTime now)
    {
        var stores = scenario.Stores.ToDictionary(s => s.Name, s => WebStore.Create(ids, s.Name, s.CheckoutTimeToLive), StringComparer.Ordinal);
        var accounts = scenario.Accounts.ToDictionary(a => a.Name, a => Account.Create(ids, a.Name, a.BuyerStatus), StringComparer.Ordinal);
        db.AddRange(stores.Values);
        db.AddRange(accounts.Values);
        db.AddRange(scenario.Memberships.Select(m => StoreMembership.Create(stores[m.Store].Id, accounts[m.Account].Id)));

        var users = scenario.Users.ToDictionary(u => u.Username, u => User.CreateHashed(ids, u.Username, u.Name, u.PasswordHash, u.Permissions,
            u.Account is null ? null : accounts[u.Account].Id, u.BuysFor.Select(b => accounts[b].Id)), StringComparer.Ordinal);
        db.AddRange(users.Values);

        var products = scenario.Products.ToDictionary(p => p.Sku, p => Product2.Create(ids, p.Sku, p.Name, p.ListPrice, p.StockQuantity), StringComparer.Ordinal);
        db.AddRange(products.Values);

        foreach (var c in scenario.Carts)
        {
            var cart = WebCart.Create(ids, c.Name, stores[c.Store].Id, accounts[c.Account].Id, users[c.Owner].Id, now);
            foreach (var line in c.Lines)
            {
                var product = products[line.Sku];
                cart.AddProduct(ids, product.Id, product.Sku, product.Name, product.ListPrice, line.Quantity, now);
            }

            db.Carts.Add(cart);
            db.CartShares.AddRange(c.SharedWith.Select(u => CartShare.Create(cart.Id, users[u].Id)));
            if (c.CheckoutState is not null)
            {
                db.Sessions.Add(CartCheckoutSession.Create(ids, cart.Id, c.CheckoutState, now));
                cart.SetStatus(CartStatuses.Checkout, now);
            }
        }
    }
}
