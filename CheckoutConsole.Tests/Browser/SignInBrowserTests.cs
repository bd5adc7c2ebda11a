using CheckoutConsole.Domain.Data;
using Microsoft.Playwright;

namespace CheckoutConsole.Tests.Browser;

public sealed class SignInBrowserTests(BrowserFixture fixture) : BrowserTestBase(fixture)
{
    [BrowserFact]
    public Task SignIn_WithAlicesPassword_ShowsHerInTheHeaderAndSignsOut() => RunAsync(async () =>
    {
        var server = StartServer();
        var browser = await OpenBrowserAsync(server);

        await browser.SignInAsync(DemoData.Alice, DemoData.Passwords[DemoData.Alice], returnUrl: "/");

        await Assertions.Expect(browser.Page.GetByTestId("signed-in-user")).ToHaveTextAsync("Alice Adams");
        await browser.Page.GetByTestId("signout").ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("signin-link")).ToBeVisibleAsync();
        Assert.Empty(browser.ConsoleErrors);
    });

    [BrowserFact]
    public Task SignIn_WithWrongPassword_ExplainsAndKeepsTheUsername() => RunAsync(async () =>
    {
        var server = StartServer();
        var browser = await OpenBrowserAsync(server);
        await browser.Page.GotoAsync("/signin");

        await browser.Page.GetByTestId("signin-username").FillAsync(DemoData.Bob);
        await browser.Page.GetByTestId("signin-password").FillAsync("not-bobs-password");
        await browser.Page.GetByTestId("signin-submit").ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("signin-error")).ToContainTextAsync("don't match");
        await Assertions.Expect(browser.Page.GetByTestId("signin-username")).ToHaveValueAsync(DemoData.Bob);
        await ScreenshotAsync(browser.Page, "signin");
    });
}
