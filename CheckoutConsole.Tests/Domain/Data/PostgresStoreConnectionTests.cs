using CheckoutConsole.Domain;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CheckoutConsole.Tests.Domain.Data;

public sealed class PostgresStoreConnectionTests
{
    [Fact]
    public void PostgresStoreConnectionString_WithoutTheSetting_SkipsTheResetWhenAConnectionGoesBackToThePool()
    {
        var result = new NpgsqlConnectionStringBuilder(
            DomainServiceCollectionExtensions.PostgresStoreConnectionString("Host=db.example;Username=checkout;Database=team"));

        Assert.True(result.NoResetOnClose);
        Assert.Equal(("db.example", "checkout", "team"), (result.Host, result.Username, result.Database));
    }

    [Theory]
    [InlineData("Host=db.example;Username=checkout;No Reset On Close=false")]
    [InlineData("Host=db.example;Username=checkout;NoResetOnClose=false")]
    public void PostgresStoreConnectionString_ThatSetsItItself_KeepsTheGivenValue(string connectionString)
    {
        var result = new NpgsqlConnectionStringBuilder(DomainServiceCollectionExtensions.PostgresStoreConnectionString(connectionString));

        Assert.False(result.NoResetOnClose);
    }

    [Fact]
    public async Task StoreContext_OnPostgreSql_UsesNoResetOnCloseAndAnActionStillSavesItsChangeAndTimeline()
    {
        await using var harness = await DomainHarness.CreateAsync(TestProvider.PostgreSQL);
        var alice = harness.As(DemoData.Alice);

        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        var moved = await harness.Service.UpdateCheckoutSessionAsync(alice, session, CheckoutFlow.Inventory, CheckoutFlow.Start);

        await using var db = harness.NewContext();
        Assert.True(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).NoResetOnClose);
        Assert.True(moved.IsSuccess);
        Assert.Equal("Inventory", (await db.Sessions.SingleAsync(s => s.Id == session)).State);
        Assert.True(await db.Timeline.CountAsync(t => t.SessionId == session) >= 2);
    }
}
