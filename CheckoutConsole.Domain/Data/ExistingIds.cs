using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Data;

/// <summary>The ids of every record with a key prefix, for the id sequences to continue after.</summary>
public static class ExistingIds
{
    public static async Task<List<string>> ReadAsync(CheckoutDbContext db, CancellationToken ct = default)
    {
        var ids = new List<string>();
        ids.AddRange(await db.WebStores.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.Accounts.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.Users.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.Products.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.Carts.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.CartItems.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.Sessions.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.ValidationOutputs.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.Operations.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.Orders.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.OrderItems.Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.OrderSummaries.Select(e => e.Id).ToListAsync(ct));
        return ids;
    }
}
