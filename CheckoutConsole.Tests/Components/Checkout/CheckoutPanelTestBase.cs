using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components.Checkout;

/// <summary>Panels rendered from real domain state: a fresh harness per test, disposed with it.</summary>
public abstract class CheckoutPanelTestBase : ComponentTestBase
{
    protected DomainHarness Harness { get; private set; } = default!;
    protected CheckoutViewScenarios Scenarios { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        Harness = await DomainHarness.CreateAsync();
        Scenarios = new CheckoutViewScenarios(Harness);
        // Panels ask the domain too (the export row asks the scenario whether a replay can bring the cart back).
        UseDomain(Harness);
    }

    protected override async Task DisposeResourcesAsync() => await Harness.DisposeAsync();
}
