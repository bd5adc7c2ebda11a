using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Accounts;

/// <summary>
/// Who may do what, read once: users, accounts, stores, store memberships and cart shares.
/// Nothing in the console changes them at run time (they come with the data set), and every action
/// needs them for the checks of SPEC §4, so keeping them in memory saves four queries an action.
/// When the data set does change, <see cref="Invalidate"/> says so on the change feed, which in team
/// mode reaches the other instances, and each forgets its copy.
/// </summary>
public sealed class AccessDirectory : IDisposable
{
    private readonly IDbContextFactory<CheckoutDbContext> _factory;
    private readonly CheckoutChangeFeed _feed;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;
    private readonly Lock _lock = new();
    private Task<Snapshot>? _snapshot;

    public AccessDirectory(IDbContextFactory<CheckoutDbContext> factory, CheckoutChangeFeed feed, TimeProvider clock)
    {
        _factory = factory;
        _feed = feed;
        _clock = clock;
        _subscription = feed.Subscribe(change =>
        {
            if (change.FromOtherInstance && (change.IsResync || (change.Kinds & (ChangeKinds.Directory | ChangeKinds.World)) != ChangeKinds.None))
            {
                Forget();
            }
        });
    }

    public sealed record Snapshot(
        IReadOnlyDictionary<string, User> Users,
        IReadOnlyDictionary<string, Account> Accounts,
        IReadOnlyDictionary<string, WebStore> Stores,
        IReadOnlySet<(string StoreId, string AccountId)> Memberships,
        IReadOnlySet<(string CartId, string UserId)> Shares);

    public async Task<Snapshot> GetAsync()
    {
        Task<Snapshot> load;
        lock (_lock)
        {
            load = _snapshot ??= LoadAsync();
        }

        try
        {
            return await load;
        }
        catch
        {
            // A failed read must not be remembered: the next call reads again.
            lock (_lock)
            {
                if (_snapshot == load)
                {
                    _snapshot = null;
                }
            }

            throw;
        }
    }

    /// <summary>Forget what was read (after the data set itself changed), here and on the other instances.</summary>
    public void Invalidate()
    {
        Forget();
        _feed.Publish(new CheckoutChange(null, null, ChangeKinds.Directory, _clock.GetUtcNow().UtcDateTime));
    }

    public void Dispose() => _subscription.Dispose();

    private void Forget()
    {
        lock (_lock)
        {
            _snapshot = null;
        }
    }

    private async Task<Snapshot> LoadAsync()
    {
        await using var db = await _factory.CreateDbContextAsync();
        return new Snapshot(
            await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id),
            await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id),
            await db.WebStores.AsNoTracking().ToDictionaryAsync(s => s.Id),
            (await db.StoreMemberships.AsNoTracking().Select(m => new { m.WebStoreId, m.AccountId }).ToListAsync())
                .Select(m => (m.WebStoreId, m.AccountId)).ToHashSet(),
            (await db.CartShares.AsNoTracking().Select(s => new { s.CartId, s.UserId }).ToListAsync())
                .Select(s => (s.CartId, s.UserId)).ToHashSet());
    }
}
