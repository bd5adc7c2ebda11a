using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.Components.Admin;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Domain.Admin;

public sealed class AdminRaceLabTests
{
    [Theory]
    [InlineData(TestProvider.InMemory, CheckoutFlow.Start)]
    [InlineData(TestProvider.Sqlite, CheckoutFlow.Start)]
    [InlineData(TestProvider.PostgreSQL, CheckoutFlow.Start)]
    [InlineData(TestProvider.InMemory, CheckoutFlow.Inventory)]
    [InlineData(TestProvider.Sqlite, CheckoutFlow.Inventory)]
    [InlineData(TestProvider.PostgreSQL, CheckoutFlow.Inventory)]
    public async Task RunAsync_TwoHundredCalls_ExactlyOneWinsAndEveryOtherConflicts(TestProvider provider, string fromState)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var sessionId = await AdminScenarios.StartCheckoutAsync(harness);
        if (fromState == CheckoutFlow.Inventory)
        {
            await AdminScenarios.AdvanceAsync(harness, sessionId, CheckoutFlow.Start);
        }

        var outcome = await new AdminRaceLab(harness.Service)
            .RunAsync(harness.Demo.UserId(DemoData.Admin), sessionId, fromState, CheckoutFlow.NextOf(fromState)!, 200);

        Assert.Equal(1, outcome.Winners);
        Assert.Equal(199, outcome.Failed);
        Assert.All(outcome.Failures, f => Assert.Equal(("CHECKOUT_CONFLICT", 409), (f.Code, f.HttpStatus)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    [InlineData(null)]
    public void Validate_OutOfRange_Explains(int? calls)
    {
        var problem = AdminRaceLab.Validate(calls);

        Assert.Equal("Enter a number of calls from 1 to 1,000.", problem);
    }
}
