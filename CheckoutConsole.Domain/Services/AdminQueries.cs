using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CheckoutConsole.Domain.Services;

/// <summary>The admin console's thresholds (section "Admin").</summary>
public sealed record AdminOptions(int StuckProcessingSeconds = AdminOptions.DefaultStuckProcessingSeconds, int StuckOpenMinutes = AdminOptions.DefaultStuckOpenMinutes)
{
    public const string SectionName = "Admin";
    public const int DefaultStuckProcessingSeconds = 60;
    public const int DefaultStuckOpenMinutes = 30;

    public static AdminOptions From(IConfiguration? configuration) =>
        configuration is null
            ? new AdminOptions()
            : new AdminOptions(
                Positive(configuration.GetValue<int?>($"{SectionName}:{nameof(StuckProcessingSeconds)}"), DefaultStuckProcessingSeconds),
                Positive(configuration.GetValue<int?>($"{SectionName}:{nameof(StuckOpenMinutes)}"), DefaultStuckOpenMinutes));

    private static int Positive(int? value, int fallback) => value is > 0 ? value.Value : fallback;
}

/// <summary>
/// One row of the admin grid: a cart with one of its sessions (the open one, or an archived one),
/// or a cart that has no open session.
/// </summary>
public sealed record AdminCheckoutRow(
    string CartId,
    string CartName,
    string StoreName,
    string AccountName,
    string OwnerName,
    string CartStatus,
    decimal GrandTotal,
    DateTime CartCreated,
    string? SessionId,
    string? State,
    string? NextState,
    bool IsProcessing,
    bool IsError,
    bool IsArchived,
    DateTime? SessionCreated,
    DateTime? ProcessingSince,
    DateTime LastModified,
    bool HasOpenOperation,
    bool HasErrors)
{
    public bool HasSession => SessionId is not null;

    public bool IsOpenSession => SessionId is not null && !IsArchived;

    /// <summary>Key for grids and selections: a session, or the cart when the row has none.</summary>
    public string Key => SessionId ?? CartId;

    /// <summary>How long the session has been open (or the cart has existed, without one).</summary>
    public TimeSpan Age(DateTime now) => now - (SessionCreated ?? CartCreated);

    public TimeSpan? ProcessingFor(DateTime now) => IsProcessing && ProcessingSince is not null ? now - ProcessingSince.Value : null;
}

public enum StuckReason
{
    Processing,
    Open,
}

public sealed record StuckCheckout(AdminCheckoutRow Row, StuckReason Reason, TimeSpan For, TimeSpan Threshold)
{
    public string Explanation => Reason == StuckReason.Processing
        ? $"processing for {AdminFormat.Duration(For)} (threshold {AdminFormat.Duration(Threshold)})"
        : $"open for {AdminFormat.Duration(For)} (threshold {AdminFormat.Duration(Threshold)})";
}

public static class AdminFormat
{
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min" + (span.Seconds == 0 ? "" : $" {span.Seconds} s")
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h" + (span.Minutes == 0 ? "" : $" {span.Minutes} min")
            : $"{(int)span.TotalDays} d" + (span.Hours == 0 ? "" : $" {span.Hours} h");
    }
}

/// <summary>Admin read side: every cart and session, and the checkouts that look stuck.</summary>
public sealed class AdminQueries(IDbContextFactory<CheckoutDbContext> factory)
{
    public const int FullTimelineLimit = 10_000;

    /// <summary>One row per open session, per archived session, and per cart without an open session.</summary>
    public async Task<IReadOnlyList<AdminCheckoutRow>> ListCheckoutsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var carts = await db.Carts.AsNoTracking().ToListAsync(ct);
        var stores = await db.WebStores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var sessions = (await db.Sessions.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.WebCartId);
        var openOperations = (await db.Operations.AsNoTracking()
            .Where(o => o.Status == OperationStatuses.New || o.Status == OperationStatuses.Running)
            .Select(o => o.CartId).ToListAsync(ct)).ToHashSet();
        var errors = (await db.ValidationOutputs.AsNoTracking()
            .Where(o => o.Level == ValidationLevels.Error && !o.IsDismissed)
            .Select(o => o.CartId).ToListAsync(ct)).ToHashSet();
        var processingSince = await ProcessingSinceAsync(db, sessions.SelectMany(g => g).Where(s => s.IsProcessing && !s.IsArchived).ToList(), ct);

        var rows = new List<AdminCheckoutRow>();
        foreach (var cart in carts)
        {
            var row = new AdminCheckoutRow(cart.Id, cart.Name, stores.GetValueOrDefault(cart.WebStoreId, "?"),
                accounts.GetValueOrDefault(cart.AccountId, "?"), users.GetValueOrDefault(cart.OwnerId, "?"), cart.Status,
                cart.GrandTotalAmount, cart.CreatedDate, null, null, null, false, false, false, null, null, cart.LastModifiedDate,
                openOperations.Contains(cart.Id), errors.Contains(cart.Id));
            var cartSessions = sessions[cart.Id].ToList();
            if (!cartSessions.Any(s => !s.IsArchived))
            {
                rows.Add(row);
            }

            rows.AddRange(cartSessions.Select(s => row with
            {
                SessionId = s.Id,
                State = s.State,
                NextState = s.NextState,
                IsProcessing = s.IsProcessing,
                IsError = s.IsError,
                IsArchived = s.IsArchived,
                SessionCreated = s.CreatedDate,
                ProcessingSince = processingSince.GetValueOrDefault(s.Id),
                LastModified = s.LastModifiedDate > cart.LastModifiedDate ? s.LastModifiedDate : cart.LastModifiedDate,
                HasOpenOperation = !s.IsArchived && row.HasOpenOperation,
                HasErrors = !s.IsArchived && row.HasErrors,
            }));
        }

        return [.. rows.OrderByDescending(r => r.LastModified)];
    }

    /// <summary>A cart's timeline, newest first, beyond the checkout page's limit (a race lab run alone adds up to 1,000 entries).</summary>
    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string cartId, int limit = FullTimelineLimit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Timeline.AsNoTracking().Where(t => t.CartId == cartId).OrderByDescending(t => t.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>Open sessions processing longer than one threshold, or open longer than the other.</summary>
    public async Task<IReadOnlyList<StuckCheckout>> ListStuckAsync(DateTime now, AdminOptions thresholds, CancellationToken ct = default) =>
        FindStuck(await ListCheckoutsAsync(ct), now, thresholds);

    public static IReadOnlyList<StuckCheckout> FindStuck(IEnumerable<AdminCheckoutRow> rows, DateTime now, AdminOptions thresholds)
    {
        var processing = TimeSpan.FromSeconds(thresholds.StuckProcessingSeconds);
        var open = TimeSpan.FromMinutes(thresholds.StuckOpenMinutes);
        var stuck = new List<StuckCheckout>();
        foreach (var row in rows.Where(r => r.IsOpenSession))
        {
            var processingFor = row.ProcessingFor(now);
            if (processingFor > processing)
            {
                stuck.Add(new StuckCheckout(row, StuckReason.Processing, processingFor.Value, processing));
            }
            else if (row.Age(now) > open)
            {
                stuck.Add(new StuckCheckout(row, StuckReason.Open, row.Age(now), open));
            }
        }

        return [.. stuck.OrderByDescending(s => s.Reason == StuckReason.Processing).ThenByDescending(s => s.For)];
    }

    /// <summary>
    /// When each processing session last turned IsProcessing on: the timeline records it whether a
    /// task started it or a flow's record update did; the session's last change stands in otherwise.
    /// </summary>
    private static async Task<Dictionary<string, DateTime>> ProcessingSinceAsync(
        CheckoutDbContext db, List<CartCheckoutSession> processing, CancellationToken ct)
    {
        var ids = processing.Select(s => s.Id).ToList();
        var turnedOn = await db.Timeline.AsNoTracking()
            .Where(t => t.Kind == TimelineKinds.Change && t.SessionId != null && ids.Contains(t.SessionId)
                && t.Field == nameof(CartCheckoutSession.IsProcessing) && t.After == "true")
            .GroupBy(t => t.SessionId!)
            .Select(g => new { SessionId = g.Key, At = g.Max(t => t.At) })
            .ToDictionaryAsync(x => x.SessionId, x => x.At, ct);
        return processing.ToDictionary(s => s.Id, s => turnedOn.TryGetValue(s.Id, out var at) ? at : s.LastModifiedDate);
    }
}
