using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CheckoutConsole.Domain.Data;

public sealed class CheckoutDbContext(DbContextOptions<CheckoutDbContext> options) : DbContext(options)
{
    /// <summary>The world (see CheckoutStore.ReplaceWorldAsync) this context was opened in; a reset makes its saves conflict.</summary>
    internal long WorldEpoch { get; set; }

    /// <summary>Team mode: the shared world's revision this context was opened in (see CheckoutStore.SavePostgresAsync).</summary>
    internal long WorldRevision { get; set; }

    public DbSet<WebStore> WebStores => Set<WebStore>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<StoreMembership> StoreMemberships => Set<StoreMembership>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Product2> Products => Set<Product2>();
    public DbSet<WebCart> Carts => Set<WebCart>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<CartShare> CartShares => Set<CartShare>();
    public DbSet<CartCheckoutSession> Sessions => Set<CartCheckoutSession>();
    public DbSet<CartValidationOutput> ValidationOutputs => Set<CartValidationOutput>();
    public DbSet<BackgroundOperation> Operations => Set<BackgroundOperation>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<OrderSummary> OrderSummaries => Set<OrderSummary>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<KeyRingEntry> KeyRing => Set<KeyRingEntry>();
    public DbSet<LoginFailureRecord> LoginFailures => Set<LoginFailureRecord>();
    public DbSet<ConsoleSessionRecord> ConsoleSessions => Set<ConsoleSessionRecord>();
    public DbSet<EmulatorStateRecord> EmulatorState => Set<EmulatorStateRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CheckoutDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
        {
            modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back as Unspecified; every time here is UTC. The InMemory database
        // keeps the value it was given, and without a converter its queries can read the stored
        // rows instead of a converted copy of each (see SharedRowsTableFactory).
        if (!Database.IsInMemory())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        }

        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            // Through the entry, so the change counts without another scan for changes (see CheckoutStore.SaveAsync).
            var version = entry.Property(e => e.Version);
            version.CurrentValue++;
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
