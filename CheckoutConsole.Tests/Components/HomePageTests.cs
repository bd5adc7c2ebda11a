using Bunit;
using CheckoutConsole.Components.Pages;

namespace CheckoutConsole.Tests.Components;

public sealed class HomePageTests : ComponentTestBase
{
    [Fact]
    public async Task AskServer_Clicked_ShowsTheServersAnswerAndCountsQuestions()
    {
        var cut = Render<HomePage>();
        Assert.Empty(cut.FindAll("[data-testid=server-answer]"));

        await ClickAsync(cut, "[data-testid=ask-server]");
        await ClickAsync(cut, "[data-testid=ask-server]");

        cut.WaitForAssertion(() =>
            Assert.Contains("question 2 on this connection", cut.Find("[data-testid=server-answer]").TextContent));
    }
}
