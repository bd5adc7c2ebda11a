using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components;

/// <summary>Components over the real domain: fresh demo data per test, no worker (tests drain the queue).</summary>
public abstract class DomainComponentTestBase : ComponentTestBase
{
    protected DomainHarness Harness { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        Harness = await DomainHarness.CreateAsync();
        UseDomain(Harness);
    }

    protected override async Task DisposeResourcesAsync() => await Harness.DisposeAsync();

    protected void SignIn(string username) => SignInAs(Harness, username);
}
