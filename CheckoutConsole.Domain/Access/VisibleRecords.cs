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

    public IQueryable<WebCart> Carts => _cartIds is null ? _db.Carts.AsNoTracking() : _db.Carts.AsNoTracking().Where(c => _cartIds.Contains(c.Id));

    public IQueryable<CartItem> CartItems => _cartIds is null ? _db.CartItems.AsNoTracking() : _db.CartItems.AsNoTracking().Where(i => _cartIds.Contains(i.CartId));

    public IQueryable<CartCheckoutSession> Sessions =>
        _cartIds is null ? _db.Sessions.AsNoTracking() : _db.Sessions.AsNoTracking().Where(s => _cartIds.Contains(s.WebCartId));

    public IQueryable<CartValidationOutput> ValidationOutputs =>
        _cartIds is null ? _db.ValidationOutputs.AsNoTracking() : _db.ValidationOutputs.AsNoTracking().Where(o => _cartIds.Contains(o.CartId));

    public IQueryable<BackgroundOperation> Operations =>
        _cartIds is null ? _db.Operations.AsNoTracking() : _db.Operations.AsNoTracking().Where(o => _cartIds.Contains(o.CartId));

    public IQueryable<Order> Orders => _cartIds is null ? _db.Orders.AsNoTracking() : _db.Orders.AsNoTracking().Where(o => _cartIds.Contains(o.CartId));

    public IQueryable<OrderItem> OrderItems
    {
        get
        {
            if (_cartIds is null)
            {
                return _db.OrderItems.AsNoTracking();
            }

            var orderIds = Orders.Select(o => o.Id);
            return _db.OrderItems.AsNoTracking().Where(i => orderIds.Contains(i.OrderId));
        }
    }

    public IQueryable<OrderSummary> OrderSummaries
    {
        get
        {
            if (_cartIds is null)
            {
                return _db.OrderSummaries.AsNoTracking();
            }

            var orderIds = Orders.Select(o => o.Id);
            return _db.OrderSummaries.AsNoTracking().Where(s => orderIds.Contains(s.OriginalOrderId));
        }
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
