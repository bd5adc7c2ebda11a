using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components;

/// <summary>Components over the real domain: fresh demo data per test, no worker (tests drain the queue).</summary>
public abstract class DomainComponentTestBase : ComponentTestBase, IAsyncLifetime
{
    protected DomainHarness Harness { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        Harness = await DomainHarness.CreateAsync();
        UseDomain(Harness);
    }

    async Task IAsyncLifetime.DisposeAsync() => await Harness.DisposeAsync();

    protected void SignIn(string username) => SignInAs(Harness, username);
}
