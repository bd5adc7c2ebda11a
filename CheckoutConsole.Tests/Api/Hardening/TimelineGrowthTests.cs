using System.Net;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>Runs alone, after the parallel tests, so the managed heap it measures is its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredMemoryCollection
{
    public const string Name = "Measured memory";
}

/// <summary>
/// Finding 1 of #14: what a caller sends must not make the timeline, the memory or the SQLite file
/// grow without bound. Measured in bytes and rows, never in time.
/// </summary>
[Collection(MeasuredMemoryCollection.Name)]
public sealed class TimelineGrowthTests(ITestOutputHelper output)
{
    private const int HugeCalls = 40;
    private const int HugeLength = 900_000;

    // A rejected call records its inputs capped: 256 characters per value plus a note of the length.
    private const int MaxRecordedCharsPerCall = 2_000;

    [Theory]
    [InlineData(Store.InMemory)]
    [InlineData(Store.Sqlite)]
    public async Task RejectedCalls_WithMegabyteInputs_RecordOnlyCappedInputsAndKeepMemoryAndFileBounded(Store provider)
    {
        await using var factory = provider == Store.Sqlite ? new SqliteApiFactory() : new ApiFactory();
        await factory.InitializeAsync();
        var dave = await factory.LoginAsync(DemoData.Dave);
        var huge = new string('a', HugeLength);

        // Warm up first: the request pipeline keeps pooled buffers of the largest bodies it has read,
        // a fixed amount that isn't growth per call.
        for (var i = 0; i < 5; i++)
        {
            await dave.InvokeAsync("cancelCartAsyncOperation", new { cartId = "warm-up" + huge });
        }

        var rowsBefore = await TimelineRowsAsync(factory);
        var fileBefore = FileBytes(factory);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < HugeCalls; i++)
        {
            var response = await dave.InvokeAsync("cancelCartAsyncOperation", new { cartId = huge + i });
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        }

        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var fileGrowth = FileBytes(factory) - fileBefore;
        var recorded = await RecordedCharsAsync(factory, rowsBefore);
        output.WriteLine($"{provider}: {HugeCalls} rejected calls with a {HugeLength:N0}-character cartId recorded {recorded:N0} characters " +
            $"({recorded / HugeCalls:N0} a call); managed heap grew {heapGrowth / 1024.0 / 1024:N1} MB; SQLite file grew {fileGrowth / 1024.0 / 1024:N2} MB");
        Assert.InRange(recorded, 1, HugeCalls * MaxRecordedCharsPerCall);
        Assert.InRange(heapGrowth, long.MinValue, 16L * 1024 * 1024);
        Assert.InRange(fileGrowth, 0, 1024 * 1024);
    }

    [Fact]
    public async Task RejectedCall_WithALongInput_RecordsItsStartAndItsLength()
    {
        await using var factory = new ApiFactory();
        await factory.InitializeAsync();
        var dave = await factory.LoginAsync(DemoData.Dave);
        var rowsBefore = await TimelineRowsAsync(factory);

        await dave.InvokeAsync("cancelCartAsyncOperation", new { cartId = "0a6" + new string('x', 4_997) });

        await using var db = factory.NewContext();
        var entry = await db.Timeline.AsNoTracking().OrderBy(t => t.Id).Skip(rowsBefore).SingleAsync();
        Assert.Contains("0a6xxxx", entry.Inputs);
        Assert.Contains("5,000 characters", entry.Inputs);
        Assert.InRange(entry.Inputs!.Length, 256, 400);
    }

    [Theory]
    [InlineData(Store.InMemory)]
    [InlineData(Store.Sqlite)]
    public async Task Timeline_PastItsRetention_KeepsTheNewestRowsPerCartAndOverall(Store provider)
    {
        const int perCart = 30;
        const int overall = 120;
        var settings = new Dictionary<string, string?>
        {
            ["Timeline:MaxEntriesPerCart"] = $"{perCart}",
            ["Timeline:MaxEntries"] = $"{overall}",
        };
        await using ApiFactory factory = provider == Store.Sqlite ? new RetentionSqliteFactory(settings) : new SettingsApiFactory(settings);
        await factory.InitializeAsync();
        var alice = await factory.LoginAsync(DemoData.Alice);
        var cartId = factory.Demo.AliceAcmeCart;

        for (var i = 0; i < 3 * perCart; i++)
        {
            await alice.InvokeAsync("checkoutSessionAction", new { cartId, initialState = $"Nowhere {i}" });
        }

        var cartRows = await CartRowsAsync(factory, cartId);
        for (var i = 0; i < 2 * overall; i++)
        {
            await alice.InvokeAsync("cancelCartAsyncOperation", new { cartId = $"no-such-cart-{i}" });
        }

        var allRows = await TimelineRowsAsync(factory);
        output.WriteLine($"{provider}: {3 * perCart} calls on one cart left {cartRows} of its rows (limit {perCart}); " +
            $"{3 * perCart + 2 * overall} calls in all left {allRows} rows (limit {overall})");
        Assert.InRange(cartRows, 1, perCart);
        Assert.InRange(allRows, 1, overall);
        await using var db = factory.NewContext();
        var newest = await db.Timeline.AsNoTracking().OrderByDescending(t => t.Id).FirstAsync();
        Assert.Contains($"no-such-cart-{2 * overall - 1}", newest.Inputs);
    }

    private sealed class RetentionSqliteFactory(IDictionary<string, string?> settings) : SqliteApiFactory(settings);

    private static async Task<int> TimelineRowsAsync(ApiFactory factory)
    {
        await using var db = factory.NewContext();
        return await db.Timeline.CountAsync();
    }

    private static async Task<int> CartRowsAsync(ApiFactory factory, string cartId)
    {
        await using var db = factory.NewContext();
        return await db.Timeline.CountAsync(t => t.CartId == cartId);
    }

    private static async Task<long> RecordedCharsAsync(ApiFactory factory, int skip)
    {
        await using var db = factory.NewContext();
        var rows = await db.Timeline.AsNoTracking().OrderBy(t => t.Id).Skip(skip).ToListAsync();
        return rows.Sum(t => (long)(t.Inputs?.Length ?? 0) + (t.Message?.Length ?? 0) + (t.Before?.Length ?? 0) + (t.After?.Length ?? 0));
    }

    private static long FileBytes(ApiFactory factory) =>
        factory is SqliteApiFactory sqlite
            ? new[] { sqlite.File, sqlite.File + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length)
            : 0;
}
