using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Orders;

namespace CheckoutConsole.Domain.Services;

/// <summary>
/// What the checks of an action read: the caller, the cart and its session, and the facts some
/// checks need (open operations, undismissed errors, the session's order), each read once on first use.
/// </summary>
internal sealed class CartScope(CheckoutDbContext db, UserAccess access, WebCart cart, CartCheckoutSession? session)
{
    private bool? _hasOpenOperation;
    private int? _undismissedErrors;
    private (Order? Order, bool Loaded) _order;

    public CheckoutDbContext Db => db;
    public UserAccess Access => access;
    public User User => access.User!;
    public WebCart Cart => cart;
    public CartCheckoutSession? Session => session;

    public async ValueTask<bool> HasOpenOperationAsync(CancellationToken ct) =>
        _hasOpenOperation ??= await CompiledQueries.For(db).HasOpenOperation(db, cart.Id, ct);

    public async ValueTask<int> UndismissedErrorCountAsync(CancellationToken ct) =>
        _undismissedErrors ??= await CompiledQueries.For(db).UndismissedErrorCount(db, cart.Id, ct);

    public async ValueTask<Order?> SessionOrderAsync(CancellationToken ct)
    {
        if (!_order.Loaded)
        {
            _order = (session?.OrderId is null ? null : await CompiledQueries.For(db).Order(db, session.OrderId, ct), true);
        }

        return _order.Order;
    }
}
