using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Services;

public sealed record CartSummaryView(
    WebCart Cart, string StoreName, string AccountName, string OwnerName, CartCheckoutSession? Session, bool HasOpenOperation, bool HasErrors);

public sealed record CheckoutView(
    WebCart Cart,
    WebStore Store,
    Account Account,
    string OwnerName,
    CartCheckoutSession? Session,
    IReadOnlyList<CartCheckoutSession> ArchivedSessions,
    IReadOnlyList<CartValidationOutput> ValidationOutputs,
    IReadOnlyList<BackgroundOperation> Operations,
    Order? Order,
    OrderSummary? Summary,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>The session the page is about: the open one, or the latest archived one (a finished checkout).</summary>
    public CartCheckoutSession? CurrentSession => Session ?? (ArchivedSessions.Count > 0 ? ArchivedSessions[0] : null);
}

/// <summary>Read side for the consoles: what a user may see, as detached read models.</summary>
public sealed class CheckoutQueries(IDbContextFactory<CheckoutDbContext> factory)
{
    public const int TimelineLimit = 200;

    public async Task<User?> FindUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
    }

    public async Task<User?> FindUserByUsernameAsync(string username, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = username.Trim().ToLowerInvariant();
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == normalized, ct);
    }

    public async Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Product2>> ListProductsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().OrderBy(p => p.Sku).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WebStore>> ListStoresAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WebStores.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
    }

    /// <summary>Carts the user may see: owned or shared with them; every cart for integrators and admins.</summary>
    public async Task<IReadOnlyList<CartSummaryView>> ListCartsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return [];
        }

        var carts = db.Carts.AsNoTracking();
        if (!user.ActsOnAnyCart)
        {
            var shared = db.CartShares.Where(s => s.UserId == user.Id).Select(s => s.CartId);
            carts = carts.Where(c => c.OwnerId == user.Id || shared.Contains(c.Id));
        }

        return await SummarizeAsync(db, await carts.ToListAsync(ct), ct);
    }

    private static async Task<IReadOnlyList<CartSummaryView>> SummarizeAsync(CheckoutDbContext db, List<WebCart> carts, CancellationToken ct)
    {
        var ids = carts.Select(c => c.Id).ToList();
        var stores = await db.WebStores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var sessions = (await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.WebCartId) && !s.IsArchived).ToListAsync(ct))
            .GroupBy(s => s.WebCartId).ToDictionary(g => g.Key, g => g.First());
        var open = (await db.Operations.AsNoTracking()
            .Where(o => ids.Contains(o.CartId) && (o.Status == OperationStatuses.New || o.Status == OperationStatuses.Running))
            .Select(o => o.CartId).ToListAsync(ct)).ToHashSet();
        var errors = (await db.ValidationOutputs.AsNoTracking()
            .Where(o => ids.Contains(o.CartId) && o.Level == ValidationLevels.Error && !o.IsDismissed)
            .Select(o => o.CartId).ToListAsync(ct)).ToHashSet();

        return [.. carts
            .OrderByDescending(c => c.LastModifiedDate)
            .Select(c => new CartSummaryView(c, stores.GetValueOrDefault(c.WebStoreId, "?"), accounts.GetValueOrDefault(c.AccountId, "?"),
                users.GetValueOrDefault(c.OwnerId, "?"), sessions.GetValueOrDefault(c.Id), open.Contains(c.Id), errors.Contains(c.Id)))];
    }

    public Task<bool> CanViewCartAsync(User user, WebCart cart, CancellationToken ct = default) => CanViewAsync(user, cart.Id, cart.OwnerId, ct);

    private async Task<bool> CanViewAsync(User user, string cartId, string ownerId, CancellationToken ct)
    {
        if (user.ActsOnAnyCart || ownerId == user.Id)
        {
            return true;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CartShares.AnyAsync(s => s.CartId == cartId && s.UserId == user.Id, ct);
    }

    /// <summary>Everything the checkout page shows for one cart, or null when it doesn't exist or the user may not see it.</summary>
    public async Task<CheckoutView?> GetCheckoutAsync(string userId, string cartId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        var cart = await db.Carts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cartId, ct);
        if (user is null || cart is null || !await CanViewAsync(user, cart.Id, cart.OwnerId, ct))
        {
            return null;
        }

        var sessions = await db.Sessions.AsNoTracking().Where(s => s.WebCartId == cart.Id).ToListAsync(ct);
        var open = sessions.FirstOrDefault(s => !s.IsArchived);
        var archived = sessions.Where(s => s.IsArchived).OrderByDescending(s => s.CreatedDate).ToList();
        var current = open ?? archived.FirstOrDefault();
        var order = current?.OrderId is null ? null : await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == current.OrderId, ct);
        var summary = order is null ? null : await db.OrderSummaries.AsNoTracking().FirstOrDefaultAsync(s => s.OriginalOrderId == order.Id, ct);

        return new CheckoutView(
            cart,
            await db.WebStores.AsNoTracking().FirstAsync(s => s.Id == cart.WebStoreId, ct),
            await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == cart.AccountId, ct),
            await db.Users.Where(u => u.Id == cart.OwnerId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "?",
            open,
            archived,
            (await db.ValidationOutputs.AsNoTracking().Where(o => o.CartId == cart.Id).ToListAsync(ct)).OrderByDescending(o => o.CreatedDate).ToList(),
            (await db.Operations.AsNoTracking().Where(o => o.CartId == cart.Id).ToListAsync(ct)).OrderByDescending(o => o.SubmittedAt).ToList(),
            order,
            summary,
            (await db.Timeline.AsNoTracking().Where(t => t.CartId == cart.Id).OrderByDescending(t => t.Id).Take(TimelineLimit).ToListAsync(ct)));
    }

    /// <summary>Admin: every cart with its session state.</summary>
    public async Task<IReadOnlyList<CartSummaryView>> ListAllCartsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SummarizeAsync(db, await db.Carts.AsNoTracking().ToListAsync(ct), ct);
    }
}
