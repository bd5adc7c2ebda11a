using System.Text.Json;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CheckoutConsole.Tests.Browser;

/// <summary>The console as a person sees it: every page on a phone and a desktop, light and dark, sign-in, not-found.</summary>
public sealed class ConsoleLayoutBrowserTests(BrowserFixture fixture) : BrowserTestBase(fixture)
{
    private const string AliceCart = "Alice's office restock";

    private static async Task<IReadOnlyList<string>> EveryPageAsync(ConsoleServer server)
    {
        var cartId = (await server.Services.GetRequiredService<CheckoutQueries>().ListAllCartsAsync()).Single(c => c.Cart.Name == AliceCart).Cart.Id;
        return
        [
            "/", "/buyer", $"/buyer/carts/{cartId}", $"/buyer/carts/{cartId}/checkout", $"/buyer/carts/{cartId}/checkout?view=developer",
            "/admin", $"/admin/carts/{cartId}", "/admin/stuck", "/admin/faults", "/api", "/no-such-page",
        ];
    }

    private static string ShotName(string prefix, string path) =>
        prefix + "-" + (path == "/" ? "home" : new string([.. path.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-')]));

    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    [BrowserFact]
    public Task EveryPage_OnAPhone_HasNoHorizontalScrollAndNoConsoleErrors() => RunAsync(async () =>
    {
        var server = StartServer();
        var admin = await OpenBrowserAsync(server, "phone", width: 390, height: 844);
        await admin.Page.GotoAsync("/signin");
        Assert.Equal(0, await OverflowAsync(admin.Page));
        await ScreenshotAsync(admin.Page, "phone-light-signin");
        await admin.SignInAsync(DemoData.Admin, DemoData.Passwords[DemoData.Admin], returnUrl: null);
        admin.ExpectNotFound("/no-such-page");

        foreach (var path in await EveryPageAsync(server))
        {
            await admin.GotoAsync(path);
            await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            Assert.True(await OverflowAsync(admin.Page) <= 0, $"{path} scrolls sideways by {await OverflowAsync(admin.Page)} px at 390 px");
            await ScreenshotAsync(admin.Page, ShotName("phone-light", path));
        }

        Assert.Empty(admin.ConsoleErrors);
    });

    [BrowserFact]
    public Task EveryPage_OnADesktopThatPrefersDark_IsDarkWithNoConsoleErrors() => RunAsync(async () =>
    {
        var server = StartServer();
        var admin = await OpenBrowserAsync(server, "desktop-dark", colorScheme: ColorScheme.Dark);
        await admin.SignInAsync(DemoData.Admin, DemoData.Passwords[DemoData.Admin], returnUrl: null);
        admin.ExpectNotFound("/no-such-page");

        foreach (var path in await EveryPageAsync(server))
        {
            await admin.GotoAsync(path);

            await Expect(admin.Page.GetByTestId("main")).ToHaveAttributeAsync("data-theme", "dark");
            Assert.True(await OverflowAsync(admin.Page) <= 0, $"{path} scrolls sideways at 1,440 px");
            await ScreenshotAsync(admin.Page, ShotName("desktop-dark", path));
        }

        Assert.Empty(admin.ConsoleErrors);
    });

    [BrowserFact]
    public Task EmulatorClockMoved_ShowsItsTimeInTheAppBar_OnAPhoneAndOnADarkDesktop() => RunAsync(async () =>
    {
        var server = StartServer();
        var problem = await server.Services.GetRequiredService<EmulatorControl>()
            .SetClockAsync(JsonDocument.Parse("""{"now": "2026-11-23T15:30:00Z"}""").RootElement);
        Assert.Null(problem);
        var cartId = (await server.Services.GetRequiredService<CheckoutQueries>().ListAllCartsAsync()).Single(c => c.Cart.Name == AliceCart).Cart.Id;

        foreach (var (name, width, scheme) in new[] { ("phone-light", 390, ColorScheme.Light), ("desktop-dark", 1440, ColorScheme.Dark) })
        {
            var alice = await OpenBrowserAsync(server, name + "-clock", width: width, height: 844, colorScheme: scheme);
            await alice.SignInAsync(DemoData.Alice, DemoData.Passwords[DemoData.Alice]);
            await alice.GotoAsync($"/buyer/carts/{cartId}/checkout?view=developer");

            await Expect(alice.Page.GetByTestId("emulator-clock")).ToHaveTextAsync("Emulator time 2026-11-23 15:30 UTC");
            await Expect(alice.Page.GetByTestId("recording-export-curl")).ToBeVisibleAsync();
            Assert.True(await OverflowAsync(alice.Page) <= 0, $"The checkout page with the clock moved scrolls sideways at {width} px");
            // The app bar doesn't scroll: everything in it must still be on screen beside the clock.
            var signOut = await alice.Page.GetByTestId("signout").BoundingBoxAsync();
            Assert.True(signOut is not null && signOut.X + signOut.Width <= width, $"Sign out ends at {signOut?.X + signOut?.Width} px, past the {width} px screen");
            await ScreenshotAsync(alice.Page, name + "-emulator-clock");
            Assert.Empty(alice.ConsoleErrors);
        }
    });

    [BrowserFact]
    public Task ThemeToggle_SwitchedToDark_IsRememberedOnTheNextPage() => RunAsync(async () =>
    {
        var server = StartServer();
        var alice = await OpenBrowserAsync(server, "alice");
        await alice.SignInAsync(DemoData.Alice, DemoData.Passwords[DemoData.Alice]);
        await Expect(alice.Page.GetByTestId("main")).ToHaveAttributeAsync("data-theme", "light");

        await alice.Page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(alice.Page.GetByTestId("main")).ToHaveAttributeAsync("data-theme", "dark");
        await alice.GotoAsync("/api");

        // Rendered dark by the server already: the choice came back in a cookie.
        await Expect(alice.Page.GetByTestId("main")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Contains(await alice.Context.CookiesAsync(), c => c.Name == "cc-theme" && c.Value == "dark");
        Assert.Empty(alice.ConsoleErrors);
    });

    [BrowserFact]
    public Task SignIn_TypedWhileThePageHasNoScriptsYet_SignsInWithWhatWasTyped() => RunAsync(async () =>
    {
        var server = StartServer();
        var bob = await OpenBrowserAsync(server, "bob");
        // However long the scripts take, the form is plain HTML: hold them back entirely while typing.
        var held = new TaskCompletionSource();
        await bob.Page.RouteAsync("**/_framework/blazor.web.js*", async route =>
        {
            await held.Task;
            await route.ContinueAsync();
        });
        await bob.Page.GotoAsync("/signin", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await bob.Page.GetByTestId("signin-username").FillAsync(DemoData.Bob);
        await bob.Page.GetByTestId("signin-password").FillAsync(DemoData.Passwords[DemoData.Bob]);
        await Expect(bob.Page.GetByTestId("interactivity")).ToHaveAttributeAsync("data-interactive", "false");
        await Expect(bob.Page.GetByTestId("signin-username")).ToHaveValueAsync(DemoData.Bob);
        held.SetResult();
        await bob.Page.GetByTestId("signin-submit").ClickAsync();

        await Expect(bob.Page.GetByTestId("signed-in-user")).ToHaveTextAsync("Bob Baker");
        await Expect(bob.Page).ToHaveURLAsync(server.BaseUrl + "/buyer");
    });

    [BrowserFact]
    public Task SignIn_AdminWithoutAReturnAddress_LandsOnTheAdminHome() => RunAsync(async () =>
    {
        var server = StartServer();
        var admin = await OpenBrowserAsync(server, "admin");

        await admin.SignInAsync(DemoData.Admin, DemoData.Passwords[DemoData.Admin], returnUrl: null);

        await Expect(admin.Page).ToHaveURLAsync(server.BaseUrl + "/admin");
        await Expect(admin.Page.GetByTestId("checkout-grid")).ToBeVisibleAsync();
    });

    [BrowserFact]
    public Task UnknownAddressAndMissingCart_Answer404InsideTheLayoutWithAWayHome() => RunAsync(async () =>
    {
        var server = StartServer();
        var alice = await OpenBrowserAsync(server, "alice");
        await alice.SignInAsync(DemoData.Alice, DemoData.Passwords[DemoData.Alice]);
        alice.ExpectNotFound("/no-such-page");
        alice.ExpectNotFound("/buyer/carts/0a6000000000000AAA/checkout");

        var unknown = await alice.Page.GotoAsync("/no-such-page");
        Assert.Equal(404, unknown!.Status);
        await Expect(alice.Page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(alice.Page.GetByTestId("header-user")).ToBeVisibleAsync();
        var missingCart = await alice.Page.GotoAsync("/buyer/carts/0a6000000000000AAA/checkout");
        Assert.Equal(404, missingCart!.Status);
        await alice.WaitForInteractiveAsync();
        await alice.Page.GetByTestId("not-found-home").ClickAsync();

        await Expect(alice.Page).ToHaveURLAsync(server.BaseUrl + "/");
        Assert.Empty(alice.ConsoleErrors);
    });
}
