using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.TestSupport;

/// <summary>Named steps that set a checkout world up through the real actions.</summary>
public static class CheckoutScenarios
{
    public static async Task<string> StartCheckoutAsync(this DomainHarness harness, Caller caller, string cartId)
    {
        var result = await harness.Service.CheckoutSessionAsync(caller, cartId);
        Assert.True(result.IsSuccess, $"checkoutSessionAction: {result.Error}");
        return result.Value!;
    }

    /// <summary>Takes the session step by step (running tasks as the worker would) until it is in <paramref name="state"/>.</summary>
    public static async Task AdvanceToAsync(this DomainHarness harness, Caller caller, string sessionId, string state)
    {
        for (var guard = 0; guard < 30; guard++)
        {
            var session = await harness.SessionAsync(sessionId);
            if (session.State == state)
            {
                return;
            }

            var result = await harness.Service.AdvanceAsync(caller, sessionId, session.State);
            Assert.True(result.IsSuccess, $"advance from {session.State}: {result.Error}");
            await harness.DrainQueueAsync();
        }

        Assert.Fail($"The session never reached '{state}'.");
    }

    /// <summary>Sets NextState on a task state, the way a flow does before it starts the task.</summary>
    public static async Task RequestNextAsync(this DomainHarness harness, Caller caller, string sessionId)
    {
        var session = await harness.SessionAsync(sessionId);
        var result = await harness.Service.UpdateCheckoutSessionAsync(caller, sessionId, CheckoutFlow.NextOf(session.State), session.State);
        Assert.True(result.IsSuccess, $"update: {result.Error}");
    }

    /// <summary>A new checkout waiting in the task state <paramref name="taskState"/> with its NextState set, the task not started.</summary>
    public static async Task<string> WaitingInTaskAsync(this DomainHarness harness, Caller caller, string cartId, string taskState)
    {
        var sessionId = await harness.StartCheckoutAsync(caller, cartId);
        await harness.AdvanceToAsync(caller, sessionId, taskState);
        await harness.RequestNextAsync(caller, sessionId);
        return sessionId;
    }

    /// <summary>A whole checkout, to a Closed cart with an activated order and its summary.</summary>
    public static async Task<string> CompleteCheckoutAsync(this DomainHarness harness, Caller caller, string cartId)
    {
        var sessionId = await harness.StartCheckoutAsync(caller, cartId);
        await harness.AdvanceToAsync(caller, sessionId, CheckoutFlow.OrderConfirmation);
        await harness.DrainQueueAsync();
        return sessionId;
    }

    /// <summary>
    /// Opens a session on a cart the actions would refuse (invalid account, not a store member), as
    /// data loaded into an org could have: the only way to reach the update action's account rows.
    /// </summary>
    public static async Task<string> InsertSessionAsync(this DomainHarness harness, string cartId, string state = CheckoutFlow.Start)
    {
        await using var db = harness.NewContext();
        var open = await db.Sessions.Where(s => s.WebCartId == cartId && !s.IsArchived).Select(s => s.Id).FirstOrDefaultAsync();
        if (open is not null)
        {
            return open;
        }

        var cart = await db.Carts.FirstAsync(c => c.Id == cartId);
        var session = CartCheckoutSession.Create(cartId, state, harness.Clock.GetUtcNow().UtcDateTime);
        db.Sessions.Add(session);
        cart.SetStatus(CartStatuses.Checkout, harness.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public static async Task SetCartLineQuantityAsync(this DomainHarness harness, Caller caller, string cartId, string sku, int quantity)
    {
        var added = await harness.Carts.AddCartItemAsync(caller, cartId, harness.Demo.ProductId(sku), quantity);
        Assert.True(added.IsSuccess, $"add {sku}: {added.Error}");
    }

    /// <summary>A new Active cart of <paramref name="caller"/>'s home account in the Acme store, with two product lines.</summary>
    public static async Task<string> NewAcmeCartAsync(this DomainHarness harness, Caller caller)
    {
        var created = await harness.Carts.CreateCartAsync(caller, harness.Demo.AcmeStoreId, null);
        Assert.True(created.IsSuccess, $"create cart: {created.Error}");
        await harness.SetCartLineQuantityAsync(caller, created.Value!, "SKU-1", 1);
        await harness.SetCartLineQuantityAsync(caller, created.Value!, "SKU-2", 2);
        return created.Value!;
    }
}
