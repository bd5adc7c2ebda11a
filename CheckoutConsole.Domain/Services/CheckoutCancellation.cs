using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Services;

/// <summary>The effect of cancelCartAsyncOperation (§5.5), shared with the auto-cancel of a cart edit and the expiry sweeper.</summary>
internal static class CheckoutCancellation
{
    public static async Task ApplyAsync(CheckoutDbContext db, WebCart cart, CartCheckoutSession? session, DateTime now, CancellationToken ct)
    {
        var open = await CompiledQueries.For(db).OpenOperations(db, cart.Id).ToListAsync(ct);
        foreach (var operation in open)
        {
            operation.Cancel(now);
            CheckoutStore.Guard(db, operation);
        }

        if (session is not null)
        {
            session.Archive(now);
            CheckoutStore.Guard(db, session);
        }

        if (cart.Status is CartStatuses.Checkout or CartStatuses.Processing)
        {
            cart.SetStatus(CartStatuses.Active, now);
        }

        CheckoutStore.Guard(db, cart);
    }
}
