using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CheckoutConsole.Tests.Browser;

public sealed class AdminBrowserTests(BrowserFixture fixture) : BrowserTestBase(fixture)
{
    private const string AliceCart = "Alice's office restock";
    private const string BobCart = "Bob's desk setup";

    private static async Task<string> CartIdAsync(ConsoleServer server, string name) =>
        (await server.Services.GetRequiredService<CheckoutQueries>().ListAllCartsAsync()).Single(c => c.Cart.Name == name).Cart.Id;

    private static async Task<Caller> CallerAsync(ConsoleServer server, string username) =>
        Caller.For((await server.Services.GetRequiredService<CheckoutQueries>().FindUserByUsernameAsync(username))!.Id);

    private static async Task<string> StartCheckoutAsync(ConsoleServer server, string cartName, string username)
    {
        var result = await server.Services.GetRequiredService<CheckoutService>()
            .CheckoutSessionAsync(await CallerAsync(server, username), await CartIdAsync(server, cartName));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value!;
    }

    private static async Task AdvanceAsync(ConsoleServer server, string sessionId, string state, string username)
    {
        var result = await server.Services.GetRequiredService<CheckoutService>().AdvanceAsync(await CallerAsync(server, username), sessionId, state);
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    private async Task<BrowserSession> SignInAsync(ConsoleServer server, string username, string returnUrl)
    {
        var browser = await OpenBrowserAsync(server, username.Split('@')[0]);
        await browser.SignInAsync(username, DemoData.Passwords[username], returnUrl);
        return browser;
    }

    [BrowserFact]
    public Task Cancel_AdminCancelsWhileAlicesCheckoutIsOpen_AlicesPageShowsTheCartActiveAndTheSessionArchivedWithinOneSecond() => RunAsync(async () =>
    {
        var server = StartServer();
        var cartId = await CartIdAsync(server, AliceCart);
        var alice = await SignInAsync(server, DemoData.Alice, $"/buyer/carts/{cartId}/checkout?view=developer");
        await alice.Page.GetByTestId("start-checkout").ClickAsync();
        await Expect(alice.Page.GetByTestId("checkout-page")).ToHaveAttributeAsync("data-session-state", CheckoutFlow.Start);
        var admin = await SignInAsync(server, DemoData.Admin, $"/admin/carts/{cartId}");
        await Expect(admin.Page.GetByTestId("admin-session-state")).ToHaveTextAsync(CheckoutFlow.Start);
        await admin.Page.GetByTestId("admin-cancel").ClickAsync();
        await Expect(admin.Page.GetByTestId("confirm-text")).ToContainTextAsync("1 cart");
        await ScreenshotAsync(admin.Page, "admin-cancel-confirm");

        await admin.Page.GetByTestId("confirm-yes").ClickAsync();

        var withinOneSecond = new LocatorAssertionsToHaveAttributeOptions { Timeout = 1000 };
        await Expect(alice.Page.GetByTestId("checkout-page")).ToHaveAttributeAsync("data-cart-status", "Active", withinOneSecond);
        await Expect(alice.Page.GetByTestId("flag-IsArchived")).ToHaveAttributeAsync("data-value", "true", withinOneSecond);
        await Expect(admin.Page.GetByTestId("admin-cart-status")).ToHaveTextAsync("Active");
        await Expect(admin.Page.Locator("[data-testid=timeline-entry][data-action=cancelCartAsyncOperation]").First).ToContainTextAsync(DemoData.Admin);
        Assert.Empty(alice.ConsoleErrors);
        Assert.Empty(admin.ConsoleErrors);
    });

    [BrowserFact]
    public Task FailNextTask_InventoryInjectedByTheAdmin_AlicesPageShowsTheErrorState() => RunAsync(async () =>
    {
        var server = StartServer();
        var cartId = await CartIdAsync(server, AliceCart);
        var admin = await SignInAsync(server, DemoData.Admin, "/admin/faults");
        await admin.ChooseAsync("fault-task-type", "Inventory");
        await admin.Page.GetByTestId("fault-arm").ClickAsync();
        await Expect(admin.Page.GetByTestId("active-fault")).ToHaveTextAsync("the next Inventory task fails");
        await ScreenshotAsync(admin.Page, "admin-faults");
        var alice = await SignInAsync(server, DemoData.Alice, $"/buyer/carts/{cartId}/checkout?view=developer");
        await alice.Page.GetByTestId("start-checkout").ClickAsync();
        await alice.Page.GetByTestId("shipping-address").FillAsync("Acme Supply, 1 Main Street, Springfield");
        await alice.Page.Locator($"[data-testid=next-step][data-state='{CheckoutFlow.Start}']").ClickAsync();

        await alice.Page.Locator($"[data-testid=next-step][data-state='{CheckoutFlow.Inventory}']").ClickAsync();

        await Expect(alice.Page.GetByTestId("checkout-page")).ToHaveAttributeAsync("data-session-state", CheckoutFlow.Error);
        await Expect(alice.Page.GetByTestId("error-explainer")).ToBeVisibleAsync();
        await Expect(alice.Page.GetByTestId("flag-IsError")).ToHaveAttributeAsync("data-value", "true");
        await Expect(admin.Page.GetByTestId("active-faults")).ToBeHiddenAsync();
        await admin.GotoAsync($"/admin/carts/{cartId}");
        await Expect(admin.Page.GetByTestId("admin-session-state")).ToHaveTextAsync(CheckoutFlow.Error);
        await Expect(admin.Page.GetByTestId("validation-dismiss")).ToBeVisibleAsync();
        await ScreenshotAsync(admin.Page, "admin-session");
        Assert.Empty(alice.ConsoleErrors);
    });

    [BrowserFact]
    public Task AdminUrls_OpenedByBob_ShowTheNotAllowedPage() => RunAsync(async () =>
    {
        var server = StartServer();
        var cartId = await CartIdAsync(server, BobCart);
        var bob = await SignInAsync(server, DemoData.Bob, "/buyer");

        foreach (var url in new[] { "/admin", $"/admin/carts/{cartId}", "/admin/stuck", "/admin/faults" })
        {
            await bob.GotoAsync(url);

            await Expect(bob.Page.GetByTestId("not-allowed")).ToBeVisibleAsync();
            await Expect(bob.Page.GetByTestId("admin-nav")).ToHaveCountAsync(0);
            await Expect(bob.Page.GetByTestId("checkout-grid")).ToHaveCountAsync(0);
        }
    });

    [BrowserFact]
    public Task Grid_CheckoutStartedByAlice_AppearsOnTheAdminGridLive() => RunAsync(async () =>
    {
        var server = StartServer(new Dictionary<string, string?> { ["Checkout:TaskLatencyByType:Inventory"] = "600000" });
        var bobSession = await StartCheckoutAsync(server, BobCart, DemoData.Bob);
        await AdvanceAsync(server, bobSession, CheckoutFlow.Start, DemoData.Bob);
        await AdvanceAsync(server, bobSession, CheckoutFlow.Inventory, DemoData.Bob);
        await StartCheckoutAsync(server, "Initech supplies", DemoData.Carol);
        var admin = await SignInAsync(server, DemoData.Admin, "/admin");
        await Expect(admin.Page.Locator("[data-testid=state-count][data-key='processing'] [data-testid=state-count-n]")).ToHaveTextAsync("1");

        await StartCheckoutAsync(server, AliceCart, DemoData.Alice);

        await Expect(admin.Page.Locator($"[data-testid=state-count][data-key='state:{CheckoutFlow.Start}'] [data-testid=state-count-n]")).ToHaveTextAsync("2");
        await Expect(admin.Page.Locator("[data-testid=checkout-row]")).ToHaveCountAsync(6);
        await ScreenshotAsync(admin.Page, "admin-grid");
        Assert.Empty(admin.ConsoleErrors);
    });

    [BrowserFact]
    public Task Stuck_TwoCheckoutsProcessingTooLongCanceledTogether_LeaveTheListEmpty() => RunAsync(async () =>
    {
        var server = StartServer(new Dictionary<string, string?>
        {
            ["Checkout:TaskLatencyByType:Inventory"] = "600000",
            ["Admin:StuckProcessingSeconds"] = "1",
        });
        foreach (var (cart, user) in new[] { (AliceCart, DemoData.Alice), (BobCart, DemoData.Bob) })
        {
            var sessionId = await StartCheckoutAsync(server, cart, user);
            await AdvanceAsync(server, sessionId, CheckoutFlow.Start, user);
            await AdvanceAsync(server, sessionId, CheckoutFlow.Inventory, user);
        }

        await StartCheckoutAsync(server, "Initech supplies", DemoData.Carol);
        var admin = await SignInAsync(server, DemoData.Admin, "/admin/stuck");
        await Expect(admin.Page.Locator("[data-testid=stuck-row]")).ToHaveCountAsync(2);
        await Expect(admin.Page.Locator("[data-testid=stuck-reason][data-reason=Processing]")).ToHaveCountAsync(2);
        await admin.Page.GetByTestId("stuck-select-all").CheckAsync();
        await ScreenshotAsync(admin.Page, "admin-stuck");
        await admin.Page.GetByTestId("stuck-cancel-selected").ClickAsync();
        await Expect(admin.Page.GetByTestId("confirm-text")).ToContainTextAsync("2 carts");
        await admin.Page.WaitForTimeoutAsync(400); // only for the picture: the dialog fades in
        await ScreenshotAsync(admin.Page, "admin-stuck-confirm");

        await admin.Page.GetByTestId("confirm-yes").ClickAsync();

        await Expect(admin.Page.GetByTestId("stuck-report-summary")).ToHaveTextAsync("Canceled 2 of 2 checkouts.");
        await Expect(admin.Page.Locator("[data-testid=stuck-row]")).ToHaveCountAsync(0);
        Assert.Empty(admin.ConsoleErrors);
    });

    [BrowserFact]
    public Task RaceLab_TwoHundredCallsFromTheBrowser_ShowsOneWinnerAndTheConflicts() => RunAsync(async () =>
    {
        var server = StartServer();
        var cartId = await CartIdAsync(server, AliceCart);
        await StartCheckoutAsync(server, AliceCart, DemoData.Alice);
        var admin = await SignInAsync(server, DemoData.Admin, $"/admin/carts/{cartId}");
        await admin.Page.GetByTestId("race-n").FillAsync("200");

        await admin.Page.GetByTestId("race-fire").ClickAsync();

        await Expect(admin.Page.GetByTestId("race-winners")).ToHaveTextAsync("1");
        await Expect(admin.Page.GetByTestId("race-failures")).ToHaveTextAsync("199");
        await Expect(admin.Page.GetByTestId("admin-session-state")).ToHaveTextAsync(CheckoutFlow.Inventory);
        await admin.Page.GetByTestId("race-lab").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(admin.Page, "admin-race");
        Assert.Empty(admin.ConsoleErrors);
    });
}
