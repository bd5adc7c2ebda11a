using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.Api;

namespace CheckoutConsole.Tests.Durable;

/// <summary>Ids a test can name: the same on every start of the real process, continued by a durable file.</summary>
public sealed class StableIdTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cc-stable-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Start_TwiceOnTheSandbox_SameDemoIdsAndSameIdsForTheSameCalls()
    {
        var first = await DemoIdsAndNewSessionAsync(databaseFile: null, "Alice's office restock");
        var second = await DemoIdsAndNewSessionAsync(databaseFile: null, "Alice's office restock");

        Assert.Equal(first, second);
        Assert.Equal("0a6000000000001AAA", first.Carts["Alice's office restock"]);
        Assert.Equal("0a6000000000006AAA", first.Carts["Dave's cart"]);
        Assert.Equal("2z9000000000001AAA", first.NewSessionId);
    }

    [Fact]
    public async Task Start_AgainOnADurableFile_KeepsItsIdsAndContinuesTheSequences()
    {
        var first = await DemoIdsAndNewSessionAsync(_file, "Alice's office restock");

        var second = await DemoIdsAndNewSessionAsync(_file, "Bob's desk setup");

        Assert.Equal(first.Carts, second.Carts);
        Assert.Equal("2z9000000000001AAA", first.NewSessionId);
        Assert.Equal("2z9000000000002AAA", second.NewSessionId);
    }

    private static async Task<StartIds> DemoIdsAndNewSessionAsync(string? databaseFile, string cartName)
    {
        await using var console = await ConsoleProcess.StartAsync(databaseFile, "--Checkout:TaskLatencyMs=0");
        var client = new SalesforceClient(console.Http,
            await SalesforceClient.RequestTokenAsync(console.Http, DemoData.Integrator, DemoData.Passwords[DemoData.Integrator]));
        var records = (await client.QueryAsync("SELECT Id, Name FROM WebCart")).Json.GetProperty("records");
        var carts = records.EnumerateArray().ToDictionary(r => r.GetProperty("Name").GetString()!, r => r.GetProperty("Id").GetString()!);
        var sessionId = (await client.InvokeAsync("checkoutSessionAction", new { cartId = carts[cartName] })).Output("requestId")!;
        return new StartIds(new SortedDictionary<string, string>(carts, StringComparer.Ordinal), sessionId);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed record StartIds(SortedDictionary<string, string> Carts, string NewSessionId)
    {
        public bool Equals(StartIds? other) => other is not null && Carts.SequenceEqual(other.Carts) && NewSessionId == other.NewSessionId;

        public override int GetHashCode() => NewSessionId.GetHashCode(StringComparison.Ordinal);
    }
}
