using CheckoutConsole.Benchmarks;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Benchmarks;

/// <summary>The benchmark's code paths run and measure what they claim; no timing is asserted.</summary>
public sealed class BenchmarkSmokeTests
{
    [Theory]
    [InlineData(DatabaseOptions.InMemory)]
    [InlineData(DatabaseOptions.Sqlite)]
    public async Task DomainBenchmarks_TinyRun_MeasuresEveryActionACheckoutAndARaceWithOneWinner(string provider)
    {
        await using var bench = await DomainBenchmarks.CreateAsync(provider);

        var actions = await bench.MeasureActionsAsync(3);
        var checkout = await bench.MeasureCompleteCheckoutAsync(2);
        var race = await bench.MeasureRaceAsync(50);

        Assert.Equal(
            ["checkoutSessionAction", "updateCheckoutSessionAction", "cartToOrderAction", "activateOrderAction", "cancelCartAsyncOperation"],
            actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal((3, 3), (a.Service.Count, a.Bare.Count)));
        Assert.Equal(2, checkout.Count);
        Assert.Equal((1, 49), (race.Winners, race.Conflicts));
    }
}
