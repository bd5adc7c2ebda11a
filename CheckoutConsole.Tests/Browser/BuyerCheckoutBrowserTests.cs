using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CheckoutConsole.Tests.Browser;

public sealed class BuyerCheckoutBrowserTests(BrowserFixture fixture) : BrowserTestBase(fixture)
{
    private const string AliceCart = "Alice's office restock";

    [BrowserFact]
    public Task Checkout_AliceClicksThroughEveryStep_ReachesCompleteWithAnOrderSummary() => RunAsync(async () =>
    {
        // Inventory takes long enough to see (and photograph) a running task; the others are instant.
        var server = StartServer(new Dictionary<string, string?> { ["Checkout:TaskLatencyByType:Inventory"] = "1500" });
        var alice = await OpenBrowserAsync(server, "alice");
        await alice.SignInAsync(DemoData.Alice, DemoData.Passwords[DemoData.Alice]);
        var page = alice.Page;

        await Expect(CartRow(page, AliceCart)).ToBeVisibleAsync();
        await ScreenshotAsync(page, "buyer-01-my-carts");
        await CartRow(page, AliceCart).GetByTestId("cart-link").ClickAsync();
        await Expect(page.GetByTestId("cart-title")).ToHaveTextAsync(AliceCart);
        await alice.WaitForInteractiveAsync();
        await ScreenshotAsync(page, "buyer-02-cart");
        await page.GetByTestId("go-to-checkout").ClickAsync();
        await page.GetByTestId("start-checkout").ClickAsync();
        await ExpectStateAsync(page, CheckoutFlow.Start);
        await page.GetByTestId("shipping-address").FillAsync("Acme Supply, 1 Main Street, Springfield");
        await ScreenshotAsync(page, "buyer-03-start");
        await ClickNextAsync(page, CheckoutFlow.Start);
        await ExpectStateAsync(page, CheckoutFlow.Inventory);
        await ClickNextAsync(page, CheckoutFlow.Inventory);
        await Expect(page.GetByTestId("task-running")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "buyer-04-inventory-running");
        foreach (var task in new[] { CheckoutFlow.ConfirmPrice, CheckoutFlow.CalculatePromotions, CheckoutFlow.ShippingCost })
        {
            await ClickNextAsync(page, task);
        }

        await ExpectStateAsync(page, CheckoutFlow.DeliveryMethod);
        await page.GetByTestId("delivery-Express").CheckAsync();
        await Expect(page.GetByTestId("delivery-Express")).ToBeCheckedAsync();
        await ScreenshotAsync(page, "buyer-05-delivery-method");
        await ClickNextAsync(page, CheckoutFlow.DeliveryMethod);
        await ClickNextAsync(page, CheckoutFlow.Taxes);
        await ExpectStateAsync(page, CheckoutFlow.PaymentAndBillingAddress);
        await page.GetByTestId("po-number").FillAsync("PO-2026-0042");
        await ScreenshotAsync(page, "buyer-06-payment");
        await ClickNextAsync(page, CheckoutFlow.PaymentAndBillingAddress);
        await ExpectStateAsync(page, CheckoutFlow.CheckoutSummary);
        await ScreenshotAsync(page, "buyer-07-review");
        await ClickNextAsync(page, CheckoutFlow.CheckoutSummary);
        await ClickNextAsync(page, CheckoutFlow.CartToOrder);
        await ExpectStateAsync(page, CheckoutFlow.AuthorizePayment);
        await ScreenshotAsync(page, "buyer-08-authorize-payment");
        await ClickNextAsync(page, CheckoutFlow.AuthorizePayment);
        await ClickNextAsync(page, CheckoutFlow.ActivateOrder);

        await Expect(page.GetByTestId("summary-created")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=step][data-state='{CheckoutFlow.Complete}']")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.GetByTestId("cart-status")).ToHaveTextAsync("Closed");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Activated");
        await ScreenshotAsync(page, "buyer-09-complete");
        Assert.Empty(alice.ConsoleErrors);
    });

    [BrowserFact]
    public Task Checkout_LineAboveStock_InventoryFailsShowsTheOutputAndErrorAndRecovers() => RunAsync(async () =>
    {
        var server = StartServer();
        var alice = await OpenBrowserAsync(server, "alice");
        await alice.SignInAsync(DemoData.Alice, DemoData.Passwords[DemoData.Alice]);
        var page = alice.Page;
        await CartRow(page, AliceCart).GetByTestId("cart-edit").ClickAsync();
        var chair = page.Locator($"[data-testid=catalog-product][data-sku='{DemoData.LowStockSku}']");
        await chair.GetByTestId("catalog-quantity").FillAsync("5");
        await chair.GetByTestId("catalog-add").ClickAsync();
        await Expect(page.GetByText($"Added 5 × Ergonomic Office Chair ({DemoData.LowStockSku})")).ToBeVisibleAsync();
        await page.GetByTestId("go-to-checkout").ClickAsync();
        await page.GetByTestId("developer-view-toggle").CheckAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=developer"));
        await page.GetByTestId("start-checkout").ClickAsync();
        await page.GetByTestId("shipping-address").FillAsync("Acme Supply, 1 Main Street, Springfield");
        await ClickNextAsync(page, CheckoutFlow.Start);

        await ClickNextAsync(page, CheckoutFlow.Inventory);

        await ExpectStateAsync(page, CheckoutFlow.Error);
        var output = page.Locator("[data-testid=validation-output][data-level=Error][data-type=Inventory]");
        await Expect(output.GetByTestId("validation-message")).ToHaveTextAsync($"Only 3 of {DemoData.LowStockSku} are in stock, 5 requested.");
        await Expect(output.GetByTestId("validation-related")).ToContainTextAsync($"line {DemoData.LowStockSku}");
        await Expect(page.Locator($"[data-testid=step][data-state='{CheckoutFlow.Inventory}']")).ToHaveAttributeAsync("data-status", "failed");
        await Expect(page.GetByTestId("flag-IsError")).ToHaveAttributeAsync("data-value", "true");
        await Expect(page.GetByTestId("error-explainer")).ToContainTextAsync("The Inventory step failed");
        await Expect(page.GetByTestId("reason-action-activateOrderAction")).ToContainTextAsync("of level Error that aren't dismissed");
        await ScreenshotAsync(page, "buyer-10-inventory-error");

        await page.GetByTestId("recover-cancel").ClickAsync();
        await Expect(page.GetByTestId("canceled-notice")).ToContainTextAsync("canceled the checkout");
        await page.GetByTestId("start-checkout").ClickAsync();
        await ExpectStateAsync(page, CheckoutFlow.Start);
        await Expect(page.Locator("[data-testid=validation-output][data-level=Error]")).ToHaveCountAsync(0);
    });

    private static ILocator CartRow(IPage page, string name) => page.Locator($"[data-testid=cart-row][data-cart-name=\"{name}\"]");

    private static Task ExpectStateAsync(IPage page, string state) =>
        Expect(page.GetByTestId("checkout-page")).ToHaveAttributeAsync("data-session-state", state);

    /// <summary>Waits for the step of that state to be offered (auto-waiting), then takes it.</summary>
    private static Task ClickNextAsync(IPage page, string state) =>
        page.Locator($"[data-testid=next-step][data-state='{state}']").ClickAsync();
}
