using System.Linq.Expressions;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Access;

/// <summary>
/// Opens <see cref="VisibleRecords"/> for a user: the one way the API's record reads (sObject GET,
/// SOQL, the commerce cart reads) reach the data, always through the access policy.
/// </summary>
public sealed class RecordReader(IDbContextFactory<CheckoutDbContext> factory, AccessPolicy policy)
{
    public async Task<VisibleRecords> OpenAsync(string userId, CancellationToken ct = default)
    {
        var access = await policy.ForUserAsync(userId);
        var db = await factory.CreateDbContextAsync(ct);
        try
        {
            var cartIds = access.SeesAllCarts
                ? null
                : await access.VisibleCarts(db.Carts.AsNoTracking()).Select(c => c.Id).ToArrayAsync(ct);
            return new VisibleRecords(db, access, cartIds);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}

/// <summary>
/// The records of every object that one user may read, as read-only queries the database runs:
/// integrators and admins see everything; anyone else the carts the policy lets them see and
/// everything hanging off those carts, their own user, the accounts they buy for, and every store
/// and product. Dispose it when the reads are done.
/// </summary>
public sealed class VisibleRecords : IAsyncDisposable
{
    private readonly CheckoutDbContext _db;

    /// <summary>The carts a caller who doesn't see everything may see; null when they see all.</summary>
    private readonly string[]? _cartIds;

    internal VisibleRecords(CheckoutDbContext db, UserAccess access, string[]? cartIds)
    {
        _db = db;
        Access = access;
        _cartIds = cartIds;
    }

    public UserAccess Access { get; }

    public IQueryable<WebStore> Stores => _db.WebStores.AsNoTracking();

    public IQueryable<Product2> Products => _db.Products.AsNoTracking();

    public IQueryable<Account> Accounts => Access.VisibleAccounts(_db.Accounts.AsNoTracking());

    public IQueryable<User> Users => Access.VisibleUsers(_db.Users.AsNoTracking());

    public IQueryable<WebCart> Carts => OfVisibleCarts(_db.Carts, c => _cartIds!.Contains(c.Id));

    public IQueryable<CartItem> CartItems => OfVisibleCarts(_db.CartItems, i => _cartIds!.Contains(i.CartId));

    public IQueryable<CartCheckoutSession> Sessions => OfVisibleCarts(_db.Sessions, s => _cartIds!.Contains(s.WebCartId));

    public IQueryable<CartValidationOutput> ValidationOutputs => OfVisibleCarts(_db.ValidationOutputs, o => _cartIds!.Contains(o.CartId));

    public IQueryable<BackgroundOperation> Operations => OfVisibleCarts(_db.Operations, o => _cartIds!.Contains(o.CartId));

    public IQueryable<Order> Orders => OfVisibleCarts(_db.Orders, o => _cartIds!.Contains(o.CartId));

    public IQueryable<OrderItem> OrderItems
    {
        get
        {
            var orderIds = Orders.Select(o => o.Id);
            return OfVisibleCarts(_db.OrderItems, i => orderIds.Contains(i.OrderId));
        }
    }

    public IQueryable<OrderSummary> OrderSummaries
    {
        get
        {
            var orderIds = Orders.Select(o => o.Id);
            return OfVisibleCarts(_db.OrderSummaries, s => orderIds.Contains(s.OriginalOrderId));
        }
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    /// <summary>All of <paramref name="set"/> for a caller who sees every cart; otherwise the records of the carts they see.</summary>
    private IQueryable<T> OfVisibleCarts<T>(DbSet<T> set, Expression<Func<T, bool>> ofVisibleCart) where T : class =>
        _cartIds is null ? set.AsNoTracking() : set.AsNoTracking().Where(ofVisibleCart);
}
