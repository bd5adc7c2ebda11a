using CheckoutConsole.Tests.Components.Checkout;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components.Buyer;

/// <summary>Buyer pages over the real domain (fresh demo data per test, no worker: tests drain the queue).</summary>
public abstract class BuyerPageTestBase : ComponentTestBase, IAsyncLifetime
{
    protected DomainHarness Harness { get; private set; } = default!;
    protected CheckoutViewScenarios Scenarios { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Harness = await DomainHarness.CreateAsync();
        Scenarios = new CheckoutViewScenarios(Harness);
        UseDomain(Harness);
    }

    async Task IAsyncLifetime.DisposeAsync() => await Harness.DisposeAsync();

    protected void SignIn(string username) => SignInAs(Harness, username);
}
