using CheckoutConsole.Tests.Components.Checkout;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components.Buyer;

/// <summary>Buyer pages over the real domain (fresh demo data per test, no worker: tests drain the queue).</summary>
public abstract class BuyerPageTestBase : DomainComponentTestBase
{
    protected CheckoutViewScenarios Scenarios { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Scenarios = new CheckoutViewScenarios(Harness);
    }
}
