using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api;

/// <summary>One real way, through HTTP, to reach one row of an action's error table (SPEC §5).</summary>
public sealed record RowScenario(CheckoutAction Action, int Row, string Name, string MessageContains, Func<RowContext, Task<ApiResponse>> Act)
{
    public override string ToString() => Name;
}

/// <summary>The callers and arrangement helpers the scenarios use.</summary>
public sealed class RowContext
{
    private RowContext(ApiFactory factory, CheckoutDriver alice, SalesforceClient bob, SalesforceClient carol, SalesforceClient dave)
    {
        Factory = factory;
        Driver = alice;
        Bob = bob;
        Carol = carol;
        Dave = dave;
    }

    public ApiFactory Factory { get; }
    public DemoWorld Demo => Factory.Demo;
    public CheckoutDriver Driver { get; }
    public SalesforceClient Alice => Driver.Client;
    public SalesforceClient Bob { get; }
    public SalesforceClient Carol { get; }
    public SalesforceClient Dave { get; }

    public static async Task<RowContext> CreateAsync(ApiFactory factory) =>
        new(factory, await CheckoutDriver.ForAsync(factory), await factory.LoginAsync(DemoData.Bob),
            await factory.LoginAsync(DemoData.Carol), await factory.LoginAsync(DemoData.Dave));

    /// <summary>A well-formed id of the prefix that no record has.</summary>
    public static string MissingId(string prefix)
    {
        var id15 = prefix + "000000000000";
        return id15 + SalesforceId.Checksum(id15);
    }

    /// <summary>One of Alice's carts, checked out to the end (Closed); shared, since failing calls on it change nothing.</summary>
    public Task<string> ClosedCartAsync() => Factory.SharedAsync("closed-cart", async () => (await Driver.CompletedCheckoutAsync()).CartId);

    /// <summary>
    /// An open session on a cart where checkoutSessionAction refuses one (its account turned
    /// invalid or left the store after the session was opened): arranged in the database.
    /// </summary>
    public async Task<string> OpenSessionInDatabaseAsync(string cartId)
    {
        await using var db = Factory.NewContext();
        var existing = await db.Sessions.Where(s => s.WebCartId == cartId && !s.IsArchived).Select(s => s.Id).FirstOrDefaultAsync();
        if (existing is not null)
        {
            return existing;
        }

        var session = CartCheckoutSession.Create(Factory.Services.GetRequiredService<IdSequences>(), cartId, CheckoutFlow.Start, DateTime.UtcNow);
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>Runs <paramref name="act"/> with a fault armed, and clears every fault afterwards.</summary>
    public async Task<ApiResponse> WithFaultAsync(Func<FaultInjector, Task> arm, Func<Task<ApiResponse>> act)
    {
        await arm(Factory.Faults);
        try
        {
            return await act();
        }
        finally
        {
            await Factory.Faults.ClearAllAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="act"/> on a fresh cart while one of its background operations is New or
    /// Running (an inventory task held back by the delay fault), then cancels it.
    /// </summary>
    public async Task<ApiResponse> WithOpenOperationAsync(Func<string, Task<ApiResponse>> act)
    {
        var (cartId, sessionId) = await Driver.NewCheckoutAsync();
        await Driver.DriveToAsync(cartId, sessionId, CheckoutFlow.Inventory, armed: true);
        return await WithFaultAsync(f => f.SetTaskDelayAsync(FaultInjector.MaxDelayMs), async () =>
        {
            var started = await Alice.InvokeAsync("checkCartInventoryAction", new { cartId, runAsync = true });
            Assert.True(started.Result().GetProperty("isSuccess").GetBoolean(), started.Text);
            try
            {
                return await act(cartId);
            }
            finally
            {
                await Alice.InvokeAsync("cancelCartAsyncOperation", new { cartId });
            }
        });
    }
}

public static class RowScenarios
{
    private const CheckoutAction Session = CheckoutAction.CheckoutSession;
    private const CheckoutAction Update = CheckoutAction.UpdateCheckoutSession;
    private const CheckoutAction CartToOrder = CheckoutAction.CartToOrder;
    private const CheckoutAction Activate = CheckoutAction.ActivateOrder;
    private const CheckoutAction Cancel = CheckoutAction.CancelCartAsyncOperation;
    private const CheckoutAction Edit = CheckoutAction.CartEdit;

    public static IReadOnlyList<RowScenario> All { get; } = Build();

    public static RowScenario ByName(string name) => All.Single(s => s.Name == name);

    private static List<RowScenario> Build()
    {
        var all = new List<RowScenario>();
        void Add(CheckoutAction action, int row, string what, string message, Func<RowContext, Task<ApiResponse>> act) =>
            all.Add(new RowScenario(action, row, $"{CheckoutActions.ApiName(action)} row {row}: {what}", message, act));

        // §5.1 checkoutSessionAction
        const string cs = "checkoutSessionAction";
        Add(Session, 1, "Dave has no checkout permission", "can't invoke", c => c.Dave.InvokeAsync(cs, new { cartId = c.Demo.DaveCart }));
        Add(Session, 2, "cartId missing", "no id was given", c => c.Alice.InvokeAsync(cs, new { }));
        Add(Session, 2, "cartId malformed", "expected an id of 15 or 18 characters", c => c.Alice.InvokeAsync(cs, new { cartId = "0a6-not-an-id" }));
        Add(Session, 2, "cart not found", "found no cart", c => c.Alice.InvokeAsync(cs, new { cartId = RowContext.MissingId(KeyPrefixes.WebCart) }));
        Add(Session, 2, "Bob can't edit Alice's cart", "doesn't have access", c => c.Bob.InvokeAsync(cs, new { cartId = c.Demo.AliceAcmeCart }));
        Add(Session, 3, "Bob can't buy for the shared Umbrella cart", "can't buy for", c => c.Bob.InvokeAsync(cs, new { cartId = c.Demo.AliceUmbrellaCart }));
        Add(Session, 4, "Umbrella Corp is inactive", "isn't a valid buyer", c => c.Alice.InvokeAsync(cs, new { cartId = c.Demo.AliceUmbrellaCart }));
        Add(Session, 5, "Initech isn't a member of the Acme store", "isn't a member of the store", c => c.Carol.InvokeAsync(cs, new { cartId = c.Demo.CarolAcmeCart }));
        Add(Session, 6, "the session IsProcessing (set by PATCH)", "Cart Is Already in Progress", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.PatchSessionAsync(sessionId, new { IsProcessing = true });
            return await c.Alice.InvokeAsync(cs, new { cartId });
        });
        Add(Session, 7, "the cart is Closed", "is Closed", async c => await c.Alice.InvokeAsync(cs, new { cartId = await c.ClosedCartAsync() }));
        Add(Session, 8, "initialState isn't a state", "isn't a state of the checkout flow", async c =>
            await c.Alice.InvokeAsync(cs, new { cartId = await c.Driver.NewCartAsync(), initialState = "Nowhere" }));
        Add(Session, 9, "session creation fails (fault)", "couldn't be created", async c =>
        {
            var cartId = await c.Driver.NewCartAsync();
            return await c.WithFaultAsync(f => f.SetFailSessionCreationAsync(true), () => c.Alice.InvokeAsync(cs, new { cartId }));
        });

        // §5.2 updateCheckoutSessionAction (called by the name flows use)
        const string up = "updateCheckoutSessionStateAction";
        Add(Update, 1, "Dave has no checkout permission", "can't invoke", async c =>
        {
            var (_, sessionId) = await c.Driver.NewCheckoutAsync();
            return await c.Dave.InvokeAsync(up, new { checkoutSessionId = sessionId, expCurrentState = "Start", nextState = "Inventory" });
        });
        Add(Update, 2, "checkoutSessionId malformed", "Invalid checkoutSessionId", c =>
            c.Alice.InvokeAsync(up, new { checkoutSessionId = "2z9 session", expCurrentState = "Start", nextState = "Inventory" }));
        Add(Update, 2, "checkoutSessionId of another object", "expected key prefix 2z9", c =>
            c.Alice.InvokeAsync(up, new { checkoutSessionId = c.Demo.AliceAcmeCart, expCurrentState = "Start", nextState = "Inventory" }));
        Add(Update, 3, "session not found", "found no session", c =>
            c.Alice.InvokeAsync(up, new { checkoutSessionId = RowContext.MissingId(KeyPrefixes.CartCheckoutSession), expCurrentState = "Start", nextState = "Inventory" }));
        Add(Update, 3, "Bob can't edit Alice's cart", "doesn't have access", async c =>
        {
            var (_, sessionId) = await c.Driver.NewCheckoutAsync();
            return await c.Bob.InvokeAsync(up, new { checkoutSessionId = sessionId, expCurrentState = "Start", nextState = "Inventory" });
        });
        Add(Update, 4, "Bob can't buy for the shared Umbrella cart", "can't buy for", async c =>
            await c.Bob.InvokeAsync(up, new { checkoutSessionId = await c.OpenSessionInDatabaseAsync(c.Demo.AliceUmbrellaCart), expCurrentState = "Start", nextState = "Inventory" }));
        Add(Update, 4, "Umbrella Corp is inactive", "isn't a valid buyer", async c =>
            await c.Alice.InvokeAsync(up, new { checkoutSessionId = await c.OpenSessionInDatabaseAsync(c.Demo.AliceUmbrellaCart), expCurrentState = "Start", nextState = "Inventory" }));
        Add(Update, 5, "Initech isn't a member of the Acme store", "isn't a member of the store", async c =>
            await c.Carol.InvokeAsync(up, new { checkoutSessionId = await c.OpenSessionInDatabaseAsync(c.Demo.CarolAcmeCart), expCurrentState = "Start", nextState = "Inventory" }));
        Add(Update, 6, "nextState missing", "nextState is required", async c =>
        {
            var (_, sessionId) = await c.Driver.NewCheckoutAsync();
            return await c.Alice.InvokeAsync(up, new { checkoutSessionId = sessionId, expCurrentState = "Start" });
        });
        Add(Update, 6, "expCurrentState missing", "expCurrentState is required", async c =>
        {
            var (_, sessionId) = await c.Driver.NewCheckoutAsync();
            return await c.Alice.InvokeAsync(up, new { checkoutSessionId = sessionId, nextState = "Inventory" });
        });
        Add(Update, 6, "nextState isn't a state", "isn't a state of the checkout flow", async c =>
        {
            var (_, sessionId) = await c.Driver.NewCheckoutAsync();
            return await c.Alice.InvokeAsync(up, new { checkoutSessionId = sessionId, expCurrentState = "Start", nextState = "inventory" });
        });
        Add(Update, 7, "the session is archived (canceled)", "is archived", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Alice.InvokeAsync("cancelCartAsyncOperation", new { cartId });
            return await c.Alice.InvokeAsync(up, new { checkoutSessionId = sessionId, expCurrentState = "Start", nextState = "Inventory" });
        });
        Add(Update, 8, "the session IsProcessing (set by PATCH)", "is processing", async c =>
        {
            var (_, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.PatchSessionAsync(sessionId, new { IsProcessing = true });
            return await c.Alice.InvokeAsync(up, new { checkoutSessionId = sessionId, expCurrentState = "Start", nextState = "Inventory" });
        });
        Add(Update, 9, "State isn't expCurrentState", "Expected the checkout session to be in state 'Taxes'", async c =>
        {
            var (_, sessionId) = await c.Driver.NewCheckoutAsync();
            return await c.Alice.InvokeAsync(up, new { checkoutSessionId = sessionId, expCurrentState = "Taxes", nextState = "Inventory" });
        });

        // §5.3 cartToOrderAction, §5.4 activateOrderAction, §5.5 cancelCartAsyncOperation and the
        // integration actions of §5.6 share the caller rows 1–5.
        foreach (var action in new[] { CartToOrder, Activate, Cancel }.Concat(ErrorCatalog.IntegrationActions))
        {
            var name = CheckoutActions.ApiName(action);
            object Input(string? cartId) => action == Activate ? new { cartId, orderStatus = "Activated" } : new { cartId };
            Add(action, 1, "Dave has no checkout permission", "can't invoke", c => c.Dave.InvokeAsync(name, Input(c.Demo.DaveCart)));
            Add(action, 2, "cartId missing", "no id was given", c => c.Alice.InvokeAsync(name, Input(null)));
            Add(action, 2, "cart not found", "found no cart", c => c.Alice.InvokeAsync(name, Input(RowContext.MissingId(KeyPrefixes.WebCart))));
            Add(action, 3, "Bob can't edit Alice's cart", "doesn't have access", c => c.Bob.InvokeAsync(name, Input(c.Demo.AliceAcmeCart)));
            Add(action, 4, "Bob can't buy for the shared Umbrella cart", "can't buy for", c => c.Bob.InvokeAsync(name, Input(c.Demo.AliceUmbrellaCart)));
            Add(action, 4, "Umbrella Corp is inactive", "isn't a valid buyer", c => c.Alice.InvokeAsync(name, Input(c.Demo.AliceUmbrellaCart)));
            Add(action, 5, "Initech isn't a member of the Acme store", "isn't a member of the store", c => c.Carol.InvokeAsync(name, Input(c.Demo.CarolAcmeCart)));
            if (action == Cancel)
            {
                continue;
            }

            var operationRow = action == Activate ? 7 : 6;
            Add(action, operationRow, "another task of the cart is running", "Integration Is Already in Progress", c =>
                c.WithOpenOperationAsync(cartId => c.Alice.InvokeAsync(name, Input(cartId))));
            Add(action, operationRow + 1, "the cart is Active, not in checkout", "it must be Checkout", async c =>
                await c.Alice.InvokeAsync(name, Input(await c.Driver.NewCartAsync())));
        }

        Add(Cancel, 6, "the cart is Closed", "Cancel a Closed Cart", async c => await c.Alice.InvokeAsync("cancelCartAsyncOperation", new { cartId = await c.ClosedCartAsync() }));

        const string c2o = "cartToOrderAction";
        Add(CartToOrder, 8, "the session is in Start", "Expected an open checkout session in state 'Cart To Order'", async c =>
        {
            var (cartId, _) = await c.Driver.NewCheckoutAsync();
            return await c.Alice.InvokeAsync(c2o, new { cartId, runAsync = false });
        });
        Add(CartToOrder, 8, "the session IsProcessing (set by PATCH)", "is processing", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.DriveToAsync(cartId, sessionId, CheckoutFlow.CartToOrder, armed: true);
            await c.Driver.PatchSessionAsync(sessionId, new { IsProcessing = true });
            return await c.Alice.InvokeAsync(c2o, new { cartId, runAsync = false });
        });
        Add(CartToOrder, 8, "the task fails inline (fault)", "a fault was injected", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.DriveToAsync(cartId, sessionId, CheckoutFlow.CartToOrder, armed: true);
            return await c.WithFaultAsync(f => f.FailNextTaskAsync("CartToOrder"), () => c.Alice.InvokeAsync(c2o, new { cartId, runAsync = false }));
        });

        const string ao = "activateOrderAction";
        Add(Activate, 6, "orderStatus isn't Activated", "Invalid orderStatus", async c =>
            await c.Alice.InvokeAsync(ao, new { cartId = await c.Driver.NewCartAsync(), orderStatus = "Draft" }));
        Add(Activate, 6, "orderStatus missing", "Invalid orderStatus", async c => await c.Alice.InvokeAsync(ao, new { cartId = await c.Driver.NewCartAsync() }));
        Add(Activate, 9, "an inventory error isn't dismissed", "level Error that aren't dismissed", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync((DemoData.OutOfStockSku, 1));
            await c.Driver.DriveToAsync(cartId, sessionId, CheckoutFlow.Inventory, armed: true);
            var inventory = await c.Alice.InvokeAsync("checkCartInventoryAction", new { cartId, runAsync = false });
            Assert.False(inventory.Result().GetProperty("isSuccess").GetBoolean());
            return await c.Alice.InvokeAsync(ao, new { cartId, orderStatus = "Activated", runAsync = false });
        });
        Add(Activate, 10, "the session is in Start", "Expected an open checkout session in state 'Activate Order'", async c =>
        {
            var (cartId, _) = await c.Driver.NewCheckoutAsync();
            return await c.Alice.InvokeAsync(ao, new { cartId, orderStatus = "Activated", runAsync = false });
        });
        Add(Activate, 11, "the session IsProcessing (set by PATCH)", "is processing", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.DriveToAsync(cartId, sessionId, CheckoutFlow.ActivateOrder, armed: true);
            await c.Driver.PatchSessionAsync(sessionId, new { IsProcessing = true });
            return await c.Alice.InvokeAsync(ao, new { cartId, orderStatus = "Activated", runAsync = false });
        });
        Add(Activate, 12, "the session skipped cartToOrderAction (no order)", "has no order", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.PatchSessionAsync(sessionId, new { State = "Activate Order", NextState = "Order Confirmation" });
            return await c.Alice.InvokeAsync(ao, new { cartId, orderStatus = "Activated", runAsync = false });
        });
        Add(Activate, 13, "another process created the order summary (fault)", "already exists", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.DriveToAsync(cartId, sessionId, CheckoutFlow.ActivateOrder, armed: true);
            return await c.WithFaultAsync(f => f.SetCreateSummaryBeforeActivationAsync(true),
                () => c.Alice.InvokeAsync(ao, new { cartId, orderStatus = "Activated", runAsync = false }));
        });
        Add(Activate, 14, "the order summary can't be created (fault)", "couldn't be created", async c =>
        {
            var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
            await c.Driver.DriveToAsync(cartId, sessionId, CheckoutFlow.ActivateOrder, armed: true);
            return await c.WithFaultAsync(f => f.SetFailOrderSummaryCreationAsync(true),
                () => c.Alice.InvokeAsync(ao, new { cartId, orderStatus = "Activated", runAsync = false }));
        });

        foreach (var action in ErrorCatalog.IntegrationActions)
        {
            var name = CheckoutActions.ApiName(action);
            var state = CheckoutFlow.StepForTask(CheckoutActions.Spec(action).TaskType!)!.State;
            Add(action, 8, "the session is in Start", $"Expected an open checkout session in state '{state}'", async c =>
            {
                var (cartId, _) = await c.Driver.NewCheckoutAsync();
                return await c.Alice.InvokeAsync(name, new { cartId, runAsync = false });
            });
            Add(action, 8, "the session has no NextState yet", "with no NextState", async c =>
            {
                var (cartId, sessionId) = await c.Driver.NewCheckoutAsync();
                await c.Driver.DriveToAsync(cartId, sessionId, state);
                return await c.Alice.InvokeAsync(name, new { cartId, runAsync = false });
            });
        }

        // The Connect cart endpoints answer with the cart-edit rows.
        Add(Edit, 1, "quantity 0", "Invalid quantity", async c =>
            await c.Alice.PostAsync(await ItemsPathAsync(c), new { productId = c.Demo.ProductId("SKU-1"), quantity = 0 }));
        Add(Edit, 1, "productId malformed", "Invalid productId", async c =>
            await c.Alice.PostAsync(await ItemsPathAsync(c), new { productId = "01tNOPE", quantity = 1 }));
        Add(Edit, 2, "product not found", "No product with id", async c =>
            await c.Alice.PostAsync(await ItemsPathAsync(c), new { productId = RowContext.MissingId(KeyPrefixes.Product2), quantity = 1 }));
        Add(Edit, 2, "Alice adds to Bob's cart", "that you can see", c =>
            c.Alice.PostAsync(CartsPath(c, c.Demo.BobCart) + "/cart-items", new { productId = c.Demo.ProductId("SKU-1"), quantity = 1 }));
        Add(Edit, 3, "Dave has no checkout permission", "can't invoke", c =>
            c.Dave.PostAsync(CartsPath(c, c.Demo.DaveCart) + "/cart-items", new { productId = c.Demo.ProductId("SKU-1"), quantity = 1 }));
        Add(Edit, 4, "Alice creates a cart for the inactive Umbrella Corp", "isn't a valid buyer", c =>
            c.Alice.PostAsync(CartsPath(c, null), new { effectiveAccountId = AccountId(c, DemoData.UmbrellaCorp) }));
        Add(Edit, 4, "Bob adds to the shared Umbrella cart", "can't buy for", c =>
            c.Bob.PostAsync(CartsPath(c, c.Demo.AliceUmbrellaCart) + "/cart-items", new { productId = c.Demo.ProductId("SKU-1"), quantity = 1 }));
        Add(Edit, 5, "the cart is Closed", "only an Active cart", async c =>
            await c.Alice.PostAsync(CartsPath(c, await c.ClosedCartAsync()) + "/cart-items", new { productId = c.Demo.ProductId("SKU-1"), quantity = 1 }));

        return all;
    }

    private static string CartsPath(RowContext c, string? cartId) =>
        $"{SalesforceClient.Data}/commerce/webstores/{c.Demo.AcmeStoreId}/carts{(cartId is null ? "" : "/" + cartId)}";

    private static async Task<string> ItemsPathAsync(RowContext c) => CartsPath(c, await c.Driver.NewCartAsync()) + "/cart-items";

    private static string AccountId(RowContext c, string name)
    {
        using var db = c.Factory.NewContext();
        return db.Accounts.Single(a => a.Name == name).Id;
    }
}
