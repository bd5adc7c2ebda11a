using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CheckoutConsole.Tests.Browser;

/// <summary>What only two browsers and a real circuit show: live updates, a lost race, a dropped connection.</summary>
public sealed class BuyerLiveBrowserTests(BrowserFixture fixture) : BrowserTestBase(fixture)
{
    private const string AliceCart = "Alice's office restock";
    private const string Address = "Acme Supply, 1 Main Street, Springfield";

    [BrowserFact]
    public Task NextStep_TwoBrowsersClickTheSameStep_OneAdvancesTheOtherShowsTheConflictAndTheCurrentState() => RunAsync(async () =>
    {
        var server = StartServer();
        var first = await SignedInAliceAsync(server, "first");
        var second = await SignedInAliceAsync(server, "second");
        var tap = await BuyerCircuitTap.AttachAsync(second.Page);
        var checkoutUrl = await OpenCheckoutAsync(first);
        await first.Page.GetByTestId("start-checkout").ClickAsync();
        await second.GotoAsync(checkoutUrl);
        await ExpectStateAsync(second.Page, CheckoutFlow.Start);
        await first.Page.GetByTestId("shipping-address").FillAsync(Address);
        await second.Page.GetByTestId("shipping-address").FillAsync(Address);
        // The second page doesn't hear of the first click until its own click has reached the server.
        tap.HoldServerFrames();

        await NextStep(first.Page, CheckoutFlow.Start).ClickAsync();
        await ExpectStateAsync(first.Page, CheckoutFlow.Inventory);
        await NextStep(second.Page, CheckoutFlow.Start).ClickAsync();
        tap.Release();

        var result = second.Page.GetByTestId("last-result");
        await Expect(result).ToHaveAttributeAsync("data-code", "CHECKOUT_CONFLICT");
        await Expect(result).ToHaveAttributeAsync("data-http", "409");
        await Expect(second.Page.GetByTestId("last-result-message")).ToContainTextAsync("but it is in 'Inventory'");
        await ExpectStateAsync(second.Page, CheckoutFlow.Inventory);
        await Expect(second.Page.GetByTestId("session-state-value")).ToHaveTextAsync(CheckoutFlow.Inventory);
        await Expect(first.Page.GetByTestId("last-result")).ToHaveAttributeAsync("data-success", "true");
        await ScreenshotAsync(second.Page, "buyer-11-conflict");
        Assert.Empty(second.ConsoleErrors);
    });

    [BrowserFact]
    public Task CartEdit_InASecondBrowser_CancelsTheCheckoutShownInTheFirstWithoutReload() => RunAsync(async () =>
    {
        var server = StartServer();
        var checkout = await SignedInAliceAsync(server, "checkout");
        var editor = await SignedInAliceAsync(server, "editor");
        var checkoutUrl = await OpenCheckoutAsync(checkout);
        await checkout.Page.GetByTestId("start-checkout").ClickAsync();
        await checkout.Page.GetByTestId("shipping-address").FillAsync(Address);
        await NextStep(checkout.Page, CheckoutFlow.Start).ClickAsync();
        await ExpectStateAsync(checkout.Page, CheckoutFlow.Inventory);
        await editor.GotoAsync(checkoutUrl.Replace("/checkout?view=developer", "", StringComparison.Ordinal));
        await Expect(editor.Page.GetByTestId("in-checkout-warning")).ToBeVisibleAsync();

        var stapler = editor.Page.Locator("[data-testid=edit-line][data-sku='SKU-1']");
        await stapler.GetByTestId("line-quantity").FillAsync("5");
        await stapler.GetByTestId("line-update").ClickAsync();

        await Expect(editor.Page.GetByTestId("checkout-canceled-notice")).ToContainTextAsync("cancels the checkout automatically");
        await Expect(checkout.Page.GetByTestId("checkout-page")).ToHaveAttributeAsync("data-cart-status", "Active");
        await Expect(checkout.Page.GetByTestId("flag-IsArchived")).ToHaveAttributeAsync("data-value", "true");
        await Expect(checkout.Page.GetByTestId("canceled-notice")).ToContainTextAsync("edited the cart (quantity changed)");
        await Expect(checkout.Page.Locator("[data-testid=cart-line][data-sku='SKU-1'] [data-testid=cart-line-quantity]")).ToHaveTextAsync("5");
        await ScreenshotAsync(editor.Page, "buyer-12-edit-in-second-browser");
        await ScreenshotAsync(checkout.Page, "buyer-13-canceled-by-edit");
    });

    [BrowserFact]
    public Task Circuit_ConnectionDropsAndComesBack_ShowsTheReconnectDialogThenTheChangesMadeMeanwhile() => RunAsync(async () =>
    {
        var server = StartServer();
        var alice = await SignedInAliceAsync(server, "alice");
        var tap = await BuyerCircuitTap.AttachAsync(alice.Page);
        await OpenCheckoutAsync(alice);
        await alice.Page.GetByTestId("start-checkout").ClickAsync();
        await ExpectStateAsync(alice.Page, CheckoutFlow.Start);
        var dialog = alice.Page.GetByTestId("reconnect-modal");

        await tap.DisconnectAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Rejoining the server");
        // The dialog covers the viewport (the overlay is fixed), so this one is the viewport, not the full page.
        await alice.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, "screenshots", "buyer-14-reconnecting.png") });
        await CancelAsAdminAsync(server, AliceCart);
        tap.Reconnect();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(alice.Page.GetByTestId("canceled-notice")).ToContainTextAsync("canceled the checkout");
        await alice.Page.GetByTestId("start-checkout").ClickAsync();
        await ExpectStateAsync(alice.Page, CheckoutFlow.Start);
    });

    private async Task<BrowserSession> SignedInAliceAsync(ConsoleServer server, string name)
    {
        var browser = await OpenBrowserAsync(server, name);
        await browser.SignInAsync(DemoData.Alice, DemoData.Passwords[DemoData.Alice]);
        return browser;
    }

    /// <summary>Opens Alice's Acme cart's checkout page from her cart list; returns its address.</summary>
    private static async Task<string> OpenCheckoutAsync(BrowserSession browser)
    {
        var cartId = await browser.Page.Locator($"[data-testid=cart-row][data-cart-name=\"{AliceCart}\"]").GetAttributeAsync("data-cart-id");
        var url = $"/buyer/carts/{cartId}/checkout?view=developer";
        await browser.GotoAsync(url);
        await Expect(browser.Page.GetByTestId("checkout-page")).ToBeVisibleAsync();
        return url;
    }

    private static async Task CancelAsAdminAsync(ConsoleServer server, string cartName)
    {
        var queries = server.Services.GetRequiredService<CheckoutQueries>();
        var admin = await queries.FindUserByUsernameAsync(DemoData.Admin);
        var cart = (await queries.ListCartsAsync(admin!.Id)).Single(c => c.Cart.Name == cartName);
        var result = await server.Services.GetRequiredService<CheckoutService>().CancelCartAsyncOperationAsync(Caller.For(admin.Id), cart.Cart.Id);
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    private static ILocator NextStep(IPage page, string state) => page.Locator($"[data-testid=next-step][data-state='{state}']");

    private static Task ExpectStateAsync(IPage page, string state) =>
        Expect(page.GetByTestId("checkout-page")).ToHaveAttributeAsync("data-session-state", state);
}
