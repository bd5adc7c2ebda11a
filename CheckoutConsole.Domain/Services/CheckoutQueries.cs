using CheckoutConsole.Domain.Access;
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

    /// <summary>How the latest checkout ended when it placed no order (canceled, auto-canceled by an edit, expired).</summary>
    public CheckoutEnding? Ending => Session is null && ArchivedSessions.Count > 0
        ? CheckoutCauses.EndingOf(ArchivedSessions[0], Summary is not null, Timeline)
        : null;
}

/// <summary>Read side for the consoles: what a user may see, as detached read models.</summary>
public sealed class CheckoutQueries(IDbContextFactory<CheckoutDbContext> factory, AccessDirectory directory, AccessPolicy policy)
{
    public const int TimelineLimit = 200;

    public async Task<User?> FindUserAsync(string userId, CancellationToken ct = default) =>
        (await directory.GetAsync()).Users.GetValueOrDefault(userId);

    public async Task<User?> FindUserByUsernameAsync(string username, CancellationToken ct = default)
    {
        var normalized = username.Trim().ToLowerInvariant();
        return (await directory.GetAsync()).Users.Values.FirstOrDefault(u => u.Username == normalized);
    }

    public async Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken ct = default) =>
        [.. (await directory.GetAsync()).Users.Values.OrderBy(u => u.Username, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<Product2>> ListProductsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().OrderBy(p => p.Sku).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WebStore>> ListStoresAsync(CancellationToken ct = default) =>
        [.. (await directory.GetAsync()).Stores.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>Carts the user may see: owned or shared with them; every cart for integrators and admins.</summary>
    public async Task<IReadOnlyList<CartSummaryView>> ListCartsAsync(string userId, CancellationToken ct = default)
    {
        var access = await policy.ForUserAsync(userId);
        if (access.User is null)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await SummarizeAsync(db, access.Directory, await access.VisibleCarts(db.Carts.AsNoTracking()).ToListAsync(ct), ct);
    }

    private static async Task<IReadOnlyList<CartSummaryView>> SummarizeAsync(CheckoutDbContext db, AccessDirectory.Snapshot access, List<WebCart> carts, CancellationToken ct)
    {
        var ids = carts.Select(c => c.Id).ToList();
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
            .Select(c => new CartSummaryView(c, access.Stores.GetValueOrDefault(c.WebStoreId)?.Name ?? "?", access.Accounts.GetValueOrDefault(c.AccountId)?.Name ?? "?",
                access.Users.GetValueOrDefault(c.OwnerId)?.Name ?? "?", sessions.GetValueOrDefault(c.Id), open.Contains(c.Id), errors.Contains(c.Id)))];
    }

    /// <summary>Everything the checkout page shows for one cart, or null when it doesn't exist or the user may not see it.</summary>
    public async Task<CheckoutView?> GetCheckoutAsync(string userId, string cartId, CancellationToken ct = default)
    {
        var userAccess = await policy.ForUserAsync(userId);
        var access = userAccess.Directory;
        await using var db = await factory.CreateDbContextAsync(ct);
        var cart = await db.Carts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cartId, ct);
        if (cart is null || !userAccess.CanSeeCart(cart))
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
            access.Stores[cart.WebStoreId],
            access.Accounts[cart.AccountId],
            access.Users.GetValueOrDefault(cart.OwnerId)?.Name ?? "?",
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
        var access = await directory.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SummarizeAsync(db, access, await db.Carts.AsNoTracking().ToListAsync(ct), ct);
    }
}
