using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Pages;

namespace CheckoutConsole.Tests.Components;

public sealed class HomePageTests : DomainComponentTestBase
{
    [Fact]
    public async Task AskServer_Clicked_ShowsTheServersAnswerAndCountsQuestions()
    {
        var cut = Render<HomePage>();
        Assert.Empty(cut.FindAll("[data-testid=server-answer]"));

        await cut.Find("[data-testid=ask-server]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=ask-server]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() =>
        {
            var answer = cut.Find("[data-testid=server-answer]").TextContent;
            Assert.Contains("6 carts, 0 open checkouts, 0 with a task running", answer, StringComparison.Ordinal);
            Assert.Contains("question 2 on this connection", answer, StringComparison.Ordinal);
        });
    }
}
