using System.Reflection;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Domain.Access;

/// <summary>
/// The API reads records only through <see cref="RecordReader"/>: what each user may read, object
/// by object, follows SPEC §3 and §7 (a buyer: its own carts and the carts shared with it, with
/// everything hanging off them; integrators and admins: everything).
/// </summary>
public sealed class VisibleRecordsTests
{
    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task Carts_Bob_SeesHisOwnCartAndTheUmbrellaCartAliceSharedWithHim(TestProvider provider)
    {
        await using var h = await DomainHarness.CreateAsync(provider);

        await using var records = await Reader(h).OpenAsync(h.Demo.UserId(DemoData.Bob));

        Assert.Equal(["Bob's desk setup", "Umbrella Corp order"], (await records.Carts.Select(c => c.Name).ToListAsync()).Order());
        var lineCarts = await records.CartItems.Select(i => i.CartId).Distinct().ToListAsync();
        Assert.Equal([h.Demo.BobCart, h.Demo.AliceUmbrellaCart], lineCarts.OrderBy(id => id == h.Demo.BobCart ? 0 : 1));
        Assert.Equal([DemoData.Bob], await records.Users.Select(u => u.Username).ToListAsync());
    }

    [Fact]
    public async Task Checkout_AliceCompletesHers_AliceSeesItsSessionOrderLinesAndSummaryAndBobNone()
    {
        await using var h = await DomainHarness.CreateAsync();
        var sessionId = await h.CompleteCheckoutAsync(h.As(DemoData.Alice), h.Demo.AliceAcmeCart);

        await using var alice = await Reader(h).OpenAsync(h.Demo.UserId(DemoData.Alice));
        await using var bob = await Reader(h).OpenAsync(h.Demo.UserId(DemoData.Bob));

        Assert.Contains(sessionId, await alice.Sessions.Select(s => s.Id).ToListAsync());
        var orderId = await alice.Orders.Where(o => o.CartId == h.Demo.AliceAcmeCart).Select(o => o.Id).SingleAsync();
        Assert.NotEmpty(await alice.OrderItems.Where(i => i.OrderId == orderId).ToListAsync());
        Assert.Single(await alice.OrderSummaries.Where(s => s.OriginalOrderId == orderId).ToListAsync());
        Assert.NotEmpty(await alice.Operations.Where(o => o.CartId == h.Demo.AliceAcmeCart).ToListAsync());

        Assert.Empty(await bob.Sessions.Where(s => s.Id == sessionId).ToListAsync());
        Assert.Empty(await bob.Orders.ToListAsync());
        Assert.Empty(await bob.OrderItems.ToListAsync());
        Assert.Empty(await bob.OrderSummaries.ToListAsync());
        Assert.Empty(await bob.Operations.Where(o => o.CartId == h.Demo.AliceAcmeCart).ToListAsync());
    }

    [Theory]
    [InlineData(DemoData.Integrator)]
    [InlineData(DemoData.Admin)]
    public async Task Carts_IntegratorOrAdmin_SeesEverySixDemoCartAndEveryUser(string username)
    {
        await using var h = await DomainHarness.CreateAsync();

        await using var records = await Reader(h).OpenAsync(h.Demo.UserId(username));

        Assert.Equal(6, await records.Carts.CountAsync());
        Assert.Equal(6, await records.Users.CountAsync());
    }

    [Fact]
    public void WebProject_NoTypeOutsideTheBenchmarks_TakesTheDbContextOrItsFactory()
    {
        var web = typeof(CheckoutConsole.Api.Query.QueryRunner).Assembly;
        var offenders = web.GetTypes()
            .Where(t => t.Namespace?.StartsWith("CheckoutConsole.Benchmarks", StringComparison.Ordinal) != true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .SelectMany(m => m.GetParameters()).Select(p => (t, p.ParameterType))
                .Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                    .SelectMany(c => c.GetParameters()).Select(p => (t, p.ParameterType))))
            .Where(x => x.ParameterType == typeof(CheckoutDbContext)
                || (x.ParameterType.IsGenericType && x.ParameterType.GetGenericTypeDefinition() == typeof(IDbContextFactory<>)))
            .Select(x => $"{x.t.FullName} takes {x.ParameterType.Name}")
            .Distinct()
            .ToList();

        Assert.Empty(offenders);
    }

    private static RecordReader Reader(DomainHarness h) => h.Services.GetRequiredService<RecordReader>();
}
