using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.Domain.Data;

public sealed class DemoDataIdTests
{
    // The demo data's ids, written out: the seeding order of SPEC §7's table numbered per key prefix.
    private static readonly Dictionary<string, string> ExpectedUsers = new()
    {
        ["alice@acme.example"] = "005000000000001AAA",
        ["bob@acme.example"] = "005000000000002AAA",
        ["carol@initech.example"] = "005000000000003AAA",
        ["dave@acme.example"] = "005000000000004AAA",
        ["integrator@console.example"] = "005000000000005AAA",
        ["admin@console.example"] = "005000000000006AAA",
    };

    private static readonly Dictionary<string, string> ExpectedCarts = new()
    {
        ["Alice's office restock"] = "0a6000000000001AAA",
        ["Umbrella Corp order"] = "0a6000000000002AAA",
        ["Bob's desk setup"] = "0a6000000000003AAA",
        ["Initech supplies"] = "0a6000000000004AAA",
        ["Initech at Acme"] = "0a6000000000005AAA",
        ["Dave's cart"] = "0a6000000000006AAA",
    };

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSQL)]
    public async Task Seed_AnyProvider_GivesTheSameIds(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);

        await using var db = harness.NewContext();
        var users = await db.Users.ToDictionaryAsync(u => u.Username, u => u.Id);
        var carts = await db.Carts.ToDictionaryAsync(c => c.Name, c => c.Id);
        var stores = await db.WebStores.OrderBy(s => s.Id).Select(s => s.Id + " " + s.Name).ToListAsync();

        Assert.Equal(ExpectedUsers, users);
        Assert.Equal(ExpectedCarts, carts);
        Assert.Equal(["0ZE000000000001GAA Acme B2B Store", "0ZE000000000002GAA Globex Store"], stores);
    }

    [Fact]
    public async Task CheckoutSessionAction_OnTwoFreshWorlds_GivesTheSameSessionId()
    {
        await using var one = await DomainHarness.CreateAsync();
        await using var two = await DomainHarness.CreateAsync();

        var first = await one.Service.CheckoutSessionAsync(one.As(DemoData.Alice), one.Demo.AliceAcmeCart);
        var second = await two.Service.CheckoutSessionAsync(two.As(DemoData.Alice), two.Demo.AliceAcmeCart);

        Assert.Equal("2z9000000000001AAA", first.Value);
        Assert.Equal(first.Value, second.Value);
    }

    [Fact]
    public async Task CreateRecords_OnPostgreSql_TakeTheNextNumbersOfTheDatabasesSequences()
    {
        await using var harness = await DomainHarness.CreateAsync(TestProvider.PostgreSQL);
        var alice = harness.As(DemoData.Alice);

        var session = await harness.Service.CheckoutSessionAsync(alice, harness.Demo.AliceAcmeCart);
        var cart = await harness.Carts.CreateCartAsync(alice, harness.Demo.AcmeStoreId, null);

        // Team mode: the numbers come from the database (one sequence per key prefix), after the demo data's six carts.
        Assert.Equal("2z9000000000001AAA", session.Value);
        Assert.Equal("0a6000000000007AAA", cart.Value);
        await using var connection = new Npgsql.NpgsqlConnection(harness.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""SELECT last_value FROM "IdSequence_0a6" """, connection);
        Assert.Equal(7L, await command.ExecuteScalarAsync());
    }
}
