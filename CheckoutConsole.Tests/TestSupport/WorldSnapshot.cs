using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.TestSupport;

/// <summary>Every domain record (the timeline aside) serialized, to prove a rejected call changed nothing.</summary>
public static class WorldSnapshot
{
    public static async Task<string> TakeAsync(DomainHarness harness)
    {
        await using var db = harness.NewContext();
        var world = new
        {
            Carts = await db.Carts.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
            Sessions = await db.Sessions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(),
            Outputs = await db.ValidationOutputs.AsNoTracking().OrderBy(o => o.Id).ToListAsync(),
            Operations = await db.Operations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(),
            Orders = await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync(),
            Summaries = await db.OrderSummaries.AsNoTracking().OrderBy(s => s.Id).ToListAsync(),
            Products = await db.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
        };
        return JsonSerializer.Serialize(world);
    }
}
