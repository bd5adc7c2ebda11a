using Microsoft.Playwright;

namespace CheckoutConsole.Tests.Browser;

public sealed class HomePageBrowserTests(BrowserFixture fixture) : BrowserTestBase(fixture)
{
    [BrowserFact]
    public Task AskServer_ButtonClicked_ShowsTheServersAnswer() => RunAsync(async () =>
    {
        var server = StartServer();
        var browser = await OpenBrowserAsync(server);
        await browser.GotoAsync("/");

        await browser.Page.GetByTestId("ask-server").ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("server-answer")).ToContainTextAsync("question 1 on this connection");
        await ScreenshotAsync(browser.Page, "home");
    });

    [BrowserFact]
    public Task HomePage_LoadedAndUsed_LogsNoConsoleErrors() => RunAsync(async () =>
    {
        var server = StartServer();
        var browser = await OpenBrowserAsync(server);

        await browser.GotoAsync("/");
        await browser.Page.GetByTestId("ask-server").ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("server-answer")).ToBeVisibleAsync();

        Assert.Empty(browser.ConsoleErrors);
    });
}
