using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Timeline;

/// <summary>Settings of section "Timeline": how many entries it keeps.</summary>
public sealed class TimelineOptions
{
    public const string SectionName = "Timeline";

    /// <summary>Entries kept per cart; older ones go first. A complete checkout writes about 40.</summary>
    public int MaxEntriesPerCart { get; set; } = 2_000;

    /// <summary>Entries kept in all; with capped inputs an entry is well under 1 KB.</summary>
    public int MaxEntries { get; set; } = 200_000;
}

/// <summary>
/// Keeps the timeline within its retention settings, so a long-running console's memory and
/// database file stay bounded whatever callers send. It counts what each save adds and, when a cart
/// or the whole timeline passes its limit, deletes the oldest entries down to nine tenths of it
/// (so it deletes in batches, not one row a save). Counts are this process's view, read once from
/// the database.
/// </summary>
public sealed class TimelineRetention(IDbContextFactory<CheckoutDbContext> factory, IOptions<TimelineOptions> options)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Dictionary<string, int>? _perCart;
    private int _total;

    public async Task AfterSaveAsync(IReadOnlyList<string?> addedCartIds, CancellationToken ct = default)
    {
        if (addedCartIds.Count == 0)
        {
            return;
        }

        var settings = options.Value;
        var perCartLimit = Math.Max(1, settings.MaxEntriesPerCart);
        var totalLimit = Math.Max(1, settings.MaxEntries);
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            if (_perCart is null)
            {
                await LoadCountsAsync(ct);
            }
            else
            {
                foreach (var cartId in addedCartIds)
                {
                    _total++;
                    if (cartId is not null)
                    {
                        _perCart[cartId] = _perCart.GetValueOrDefault(cartId) + 1;
                    }
                }
            }

            foreach (var cartId in addedCartIds.OfType<string>().Distinct())
            {
                if (_perCart!.GetValueOrDefault(cartId) > perCartLimit)
                {
                    await TrimAsync(cartId, KeepOf(perCartLimit), ct);
                }
            }

            if (_total > totalLimit)
            {
                await TrimAsync(null, KeepOf(totalLimit), ct);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forget the counts (after the timeline was cleared); the next save reads them again.</summary>
    public void Forget() => _perCart = null;

    private static int KeepOf(int limit) => Math.Max(1, limit - Math.Max(1, limit / 10));

    private async Task LoadCountsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = await db.Timeline.Where(t => t.CartId != null).GroupBy(t => t.CartId!)
            .Select(g => new { CartId = g.Key, Count = g.Count() }).ToListAsync(ct);
        _perCart = counts.ToDictionary(c => c.CartId, c => c.Count, StringComparer.Ordinal);
        _total = await db.Timeline.CountAsync(ct);
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> entries of a cart (or of the whole timeline).</summary>
    private async Task TrimAsync(string? cartId, int keep, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var scope = cartId is null ? db.Timeline : db.Timeline.Where(t => t.CartId == cartId);
        var cutoff = await scope.OrderByDescending(t => t.Id).Skip(keep).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (cutoff is null)
        {
            // Fewer entries than counted (deleted elsewhere, e.g. a reset): count again.
            await LoadCountsAsync(ct);
            return;
        }

        var doomed = scope.Where(t => t.Id <= cutoff);
        var removedPerCart = await doomed.Where(t => t.CartId != null).GroupBy(t => t.CartId!)
            .Select(g => new { CartId = g.Key, Count = g.Count() }).ToListAsync(ct);
        int removed;
        if (db.Database.IsRelational())
        {
            removed = await doomed.ExecuteDeleteAsync(ct);
        }
        else
        {
            var rows = await doomed.ToListAsync(ct);
            db.Timeline.RemoveRange(rows);
            await db.SaveChangesAsync(ct);
            removed = rows.Count;
        }

        _total = Math.Max(0, _total - removed);
        var perCart = _perCart ?? [];
        foreach (var entry in removedPerCart)
        {
            var left = perCart.GetValueOrDefault(entry.CartId) - entry.Count;
            if (left > 0)
            {
                perCart[entry.CartId] = left;
            }
            else
            {
                perCart.Remove(entry.CartId);
            }
        }
    }
}
