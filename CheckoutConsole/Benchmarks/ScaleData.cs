using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Domain.Timeline;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// Grows a benchmark database to many carts quickly, through the domain's own behaviour (the
/// entities' factory and state methods, saved through the CheckoutStore so that every change
/// writes its timeline lines as an action would), but many carts per save instead of one action
/// per call. Each cart gets three lines and a checkout that ran its first task (a session, a
/// completed Inventory operation, the invocations and field changes in the timeline); every other
/// checkout was then cancelled, so the data has open and archived sessions.
/// </summary>
public static class ScaleData
{
    private const int CartsPerSave = 500;

    public static async Task AddCartsAsync(IServiceProvider services, int count, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<CheckoutStore>();
        var queries = services.GetRequiredService<CheckoutQueries>();
        var alice = (await queries.FindUserByUsernameAsync(DemoData.Alice, ct))!;
        var acme = (await queries.ListStoresAsync(ct)).First(s => s.Name == DemoData.AcmeStore);
        var products = (await queries.ListProductsAsync(ct)).Where(p => p.StockQuantity > 100).Take(3).ToList();
        var audit = new Audit(alice.Username, null, "benchmark data");

        for (var done = 0; done < count; done += CartsPerSave)
        {
            var batch = Math.Min(CartsPerSave, count - done);
            var carts = new List<(WebCart Cart, CartCheckoutSession Session, BackgroundOperation Operation)>(batch);
            await using (var db = store.CreateContext())
            {
                var now = store.Now;
                for (var i = 0; i < batch; i++)
                {
                    var cart = WebCart.Create($"Bulk cart {done + i + 1}", acme.Id, alice.AccountId!, alice.Id, now);
                    foreach (var product in products)
                    {
                        cart.AddProduct(product.Id, product.Sku, product.Name, product.ListPrice, 2, now);
                    }

                    cart.SetStatus(CartStatuses.Checkout, now);
                    var session = CartCheckoutSession.Create(cart.Id, CheckoutFlow.Start, now);
                    session.RequestNextState(CheckoutFlow.Inventory, now);
                    session.RequestNextState(CheckoutFlow.ConfirmPrice, now);
                    var operation = BackgroundOperation.Create(OperationTypes.Inventory, cart.Id, session.Id, now);
                    session.StartTask(operation.Id, now);
                    db.AddRange(cart, session, operation);
                    db.Timeline.AddRange(
                        Invocation(now, alice.Username, cart.Id, session.Id, "checkoutSessionAction", $$"""{"cartId":"{{cart.Id}}"}"""),
                        Invocation(now, alice.Username, cart.Id, session.Id, "updateCheckoutSessionAction",
                            $$"""{"checkoutSessionId":"{{session.Id}}","nextState":"Inventory","expCurrentState":"Start"}"""),
                        Invocation(now, alice.Username, cart.Id, session.Id, "checkCartInventoryAction", $$"""{"cartId":"{{cart.Id}}","runAsync":true}"""));
                    carts.Add((cart, session, operation));
                }

                await store.SaveAsync(db, audit, ct);
            }

            await using (var db = store.CreateContext())
            {
                var now = store.Now;
                var index = 0;
                foreach (var (cart, session, operation) in carts)
                {
                    db.AttachRange(cart, session, operation);
                    operation.Start(now);
                    operation.Complete(now);
                    session.CompleteTask(now);
                    if (index++ % 2 == 0)
                    {
                        // A checkout given up: the session archived, the cart back to Active.
                        session.Archive(now);
                        cart.SetStatus(CartStatuses.Active, now);
                        db.Timeline.Add(Invocation(now, alice.Username, cart.Id, session.Id, "cancelCartAsyncOperation", $$"""{"cartId":"{{cart.Id}}"}"""));
                    }
                }

                await store.SaveAsync(db, Audit.System("benchmark data: task finished"), ct);
            }
        }
    }

    private static TimelineEntry Invocation(DateTime now, string actor, string cartId, string sessionId, string action, string inputs) =>
        TimelineEntry.ForAction(now, actor, null, cartId, sessionId, action, inputs, "Success", 200, null);
}
