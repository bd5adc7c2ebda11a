using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.InMemory.Storage.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Domain.Data;

#pragma warning disable EF1001 // The InMemory provider's table factory is what is under test.

/// <summary>
/// The InMemory database answers a query from a snapshot of the table it reads; the console's tables
/// list their stored rows in it instead of copying each row (SharedRowsTableFactory).
/// </summary>
public sealed class InMemoryTableTests
{
    [Fact]
    public async Task EveryEntityTypeButUser_GetsATableThatSharesItsStoredRows()
    {
        await using var harness = await DomainHarness.CreateAsync();
        await using var db = harness.NewContext();
        var factory = db.GetService<IInMemoryTableFactory>();

        var copying = db.Model.GetEntityTypes()
            .Where(e => factory.Create(e, null).GetType() is not { IsGenericType: true } type || type.GetGenericTypeDefinition() != typeof(SharedRowsTableFactory.SharedRowsTable<>))
            .Select(e => e.ClrType.Name)
            .ToList();

        // A user's stores are a list stored as JSON text, which the provider converts on every read.
        Assert.Equal(["User"], copying);
        Assert.Equal(20, db.Model.GetEntityTypes().Count());
    }

    [Fact]
    public async Task LookupOfOneCart_AmongTwoThousand_AllocatesAboutAReferencePerRowMore_NotACopyOfEachRow()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var small = AllocatedByLookup(harness, harness.Demo.AliceAcmeCart);
        await AddCartsAsync(harness, 2_000);
        var large = AllocatedByLookup(harness, harness.Demo.AliceAcmeCart);

        // A copied cart row is an array of its 13 values (over 120 bytes); a shared row is one
        // reference in the snapshot and one value buffer (16 bytes), with room for list growth.
        var perRow = (large - small) / 2_000.0;
        Assert.True(perRow < 48, $"Expected a lookup to allocate under 48 bytes more per extra cart row (no copy of each row); found {perRow:F1} bytes ({small} bytes with the 6 demo carts, {large} with 2,006).");
    }

    [Fact]
    public async Task QueryResult_ReadBeforeAnUpdate_KeepsTheValuesItWasReadWith()
    {
        await using var harness = await DomainHarness.CreateAsync();
        await using var reader = harness.NewContext();
        var before = await reader.Carts.AsNoTracking().IgnoreAutoIncludes().SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);

        await using (var writer = harness.NewContext())
        {
            var cart = await writer.Carts.IgnoreAutoIncludes().SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);
            cart.SetStatus("Closed", DateTime.UtcNow);
            await writer.SaveChangesAsync();
        }

        await using var again = harness.NewContext();
        var after = await again.Carts.AsNoTracking().IgnoreAutoIncludes().SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);
        Assert.Equal("Active", before.Status);
        Assert.Equal("Closed", after.Status);
    }

    private static long AllocatedByLookup(DomainHarness harness, string cartId)
    {
        using var db = harness.NewContext();
        // Warm: the first execution compiles the query.
        _ = db.Carts.AsNoTracking().IgnoreAutoIncludes().FirstOrDefault(c => c.Id == cartId);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = db.Carts.AsNoTracking().IgnoreAutoIncludes().FirstOrDefault(c => c.Id == cartId);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotNull(found);
        return allocated;
    }

    private static async Task AddCartsAsync(DomainHarness harness, int count)
    {
        await using var db = harness.NewContext();
        var ids = harness.Services.GetRequiredService<CheckoutConsole.Domain.Common.IdSequences>();
        var template = await db.Carts.AsNoTracking().IgnoreAutoIncludes().SingleAsync(c => c.Id == harness.Demo.BobCart);
        for (var i = 0; i < count; i++)
        {
            db.Carts.Add(WebCart.Create(ids, $"Bulk cart {i}", template.WebStoreId, template.AccountId, template.OwnerId, template.CreatedDate));
        }

        await db.SaveChangesAsync();
    }
}
