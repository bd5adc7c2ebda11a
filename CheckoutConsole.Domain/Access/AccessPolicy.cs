using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;

namespace CheckoutConsole.Domain.Access;

/// <summary>
/// Who may see and who may edit a cart, and so everything that hangs off it (lines, session,
/// validation outputs, operations, orders, summaries), and for which accounts a user may buy
/// (SPEC §4). The actions, the console queries and every REST front end ask here; nothing else
/// decides it.
/// </summary>
public sealed class AccessPolicy(AccessDirectory directory)
{
    /// <summary>The rules as they apply to one user (null user: an unknown id, who may do nothing).</summary>
    public async Task<UserAccess> ForUserAsync(string? userId)
    {
        var snapshot = await directory.GetAsync();
        return new UserAccess(snapshot, userId is null ? null : snapshot.Users.GetValueOrDefault(userId));
    }
}

public sealed class UserAccess
{
    private readonly AccessDirectory.Snapshot _directory;

    internal UserAccess(AccessDirectory.Snapshot directory, User? user)
    {
        _directory = directory;
        User = user;
    }

    public User? User { get; }

    public AccessDirectory.Snapshot Directory => _directory;

    /// <summary>Integrators and admins see and edit every cart; a buyer the ones it owns or that are shared with it.</summary>
    public bool SeesAllCarts => User?.ActsOnAnyCart == true;

    public bool CanInvokeActions => User?.CanInvokeActions == true;

    public bool CanSeeCart(WebCart cart) => CanSeeCart(cart.Id, cart.OwnerId);

    public bool CanSeeCart(string cartId, string ownerId) =>
        User is not null && (User.ActsOnAnyCart || ownerId == User.Id || _directory.Shares.Contains((cartId, User.Id)));

    /// <summary>Editing a cart needs the same relation as seeing it (owner, shared with, or any cart).</summary>
    public bool CanEditCart(WebCart cart) => CanSeeCart(cart);

    /// <summary>The accounts this user buys for (integrators and admins buy for any account, see <see cref="CanBuyFor"/>).</summary>
    public IReadOnlyList<string> BuysFor => User?.BuysFor ?? [];

    public bool CanBuyFor(string accountId) => User is not null && (User.ActsOnAnyCart || User.BuysFor.Contains(accountId));

    public Account? Account(string accountId) => _directory.Accounts.GetValueOrDefault(accountId);

    public WebStore? Store(string storeId) => _directory.Stores.GetValueOrDefault(storeId);

    public bool IsStoreMember(string storeId, string accountId) => _directory.Memberships.Contains((storeId, accountId));

    /// <summary>The carts of <paramref name="carts"/> this user may see, as a query the database runs.</summary>
    public IQueryable<WebCart> VisibleCarts(IQueryable<WebCart> carts)
    {
        if (User is null)
        {
            return carts.Where(_ => false);
        }

        if (SeesAllCarts)
        {
            return carts;
        }

        // Only a list query needs the user's shares; the per-cart checks above look one share up.
        var userId = User.Id;
        var shared = _directory.Shares.Where(s => s.UserId == userId).Select(s => s.CartId).ToList();
        return carts.Where(c => c.OwnerId == userId || shared.Contains(c.Id));
    }

    /// <summary>Accounts: integrators and admins see every one, a buyer the accounts it buys for.</summary>
    public IQueryable<Account> VisibleAccounts(IQueryable<Account> accounts)
    {
        if (SeesAllCarts)
        {
            return accounts;
        }

        var ids = BuysFor;
        return accounts.Where(a => ids.Contains(a.Id));
    }

    /// <summary>Users: integrators and admins see every one, anyone else only itself.</summary>
    public IQueryable<User> VisibleUsers(IQueryable<User> users)
    {
        if (SeesAllCarts)
        {
            return users;
        }

        var id = User?.Id;
        return users.Where(u => u.Id == id);
    }
}
