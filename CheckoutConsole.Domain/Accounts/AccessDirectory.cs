using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Accounts;

/// <summary>
/// Who may do what, read once: users, accounts, stores, store memberships and cart shares.
/// Nothing in the console changes them at run time (they come with the data set), and every action
/// needs them for the checks of SPEC §4, so keeping them in memory saves four queries an action.
/// </summary>
public sealed class AccessDirectory(IDbContextFactory<CheckoutDbContext> factory)
{
    private readonly Lock _lock = new();
    private Task<Snapshot>? _snapshot;

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

    /// <summary>Forget what was read (after the data set itself changed).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _snapshot = null;
        }
    }

    private async Task<Snapshot> LoadAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
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
