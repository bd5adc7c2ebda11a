using System.Text.Json;
using Bunit;
using CheckoutConsole.Components.Layout;

namespace CheckoutConsole.Tests.Components;

public sealed class EmulatorClockIndicatorTests : DomainComponentTestBase
{
    [Fact]
    public void Render_WallClock_ShowsNothing()
    {
        var cut = Render<EmulatorClockIndicator>();

        Assert.Empty(cut.FindAll("[data-testid=emulator-clock]"));
    }

    [Fact]
    public async Task ClockMoved_WhileShown_ShowsTheEmulatorTimeAndHidesAgainOnReset()
    {
        var cut = Render<EmulatorClockIndicator>();

        var problem = await Harness.Emulator.SetClockAsync(JsonDocument.Parse("""{"now": "2026-11-23T15:30:00Z"}""").RootElement);

        Assert.Null(problem);
        cut.WaitForAssertion(() => Assert.Equal("Emulator time 2026-11-23 15:30 UTC", cut.Find("[data-testid=emulator-clock]").TextContent.Trim()));
        await Harness.Emulator.ResetAsync();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=emulator-clock]")));
    }
}
