using CheckoutConsole.Benchmarks;
using CheckoutConsole.Tests.Browser;

namespace CheckoutConsole.Tests.Benchmarks;

/// <summary>The REST load generator against a real server: every call it counts is a legal move; no timing is asserted.</summary>
public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task MeasureAsync_ActionsAfterAWarmUp_CountsNoFailure()
    {
        // Eight clients stop the warm-up wherever the clock stops them, so some of their sessions are
        // left in the second screen state; each must carry on from there, not from the first body.
        using var server = new ConsoleServer();

        var figures = await LoadGenerator.MeasureAsync(server.BaseUrl, "actions", clients: 8, TimeSpan.FromSeconds(0.7), count: 1000, warmup: TimeSpan.FromSeconds(0.7));

        Assert.True(figures.Calls > 8, $"expected more than one call per client, found {figures.Calls}");
        Assert.Equal((0, null), (figures.Failures, figures.FirstFailure));
    }

    [Fact]
    public async Task MeasureAsync_CheckoutsOverTwoUrls_CompletesEveryCheckoutOnEach()
    {
        // Two URLs of one database, as two team-mode instances are (here the same server twice): one sign-in, clients in turn on each.
        using var server = new ConsoleServer();

        var figures = await LoadGenerator.MeasureAsync($"{server.BaseUrl},{server.BaseUrl}",
            "checkout", clients: 2, TimeSpan.FromSeconds(60), count: 2, warmup: TimeSpan.Zero);

        Assert.Equal((4, 0, null), (figures.Calls, figures.Failures, figures.FirstFailure));
    }
}
