using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CheckoutConsole.Domain.Data;

internal sealed class WebStoreConfiguration : IEntityTypeConfiguration<WebStore>
{
    public void Configure(EntityTypeBuilder<WebStore> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(18);
        builder.Property(x => x.Name).HasMaxLength(255);
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(18);
        builder.Property(x => x.Name).HasMaxLength(255);
        builder.Ignore(x => x.IsValidBuyer);
    }
}

internal sealed class StoreMembershipConfiguration : IEntityTypeConfiguration<StoreMembership>
{
    public void Configure(EntityTypeBuilder<StoreMembership> builder) => builder.HasKey(x => new { x.WebStoreId, x.AccountId });
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.Username).IsUnique();
        builder.Ignore(x => x.CanInvokeActions);
        builder.Ignore(x => x.IsAdmin);
        builder.Ignore(x => x.ActsOnAnyCart);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product2>
{
    public void Configure(EntityTypeBuilder<Product2> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.Sku).IsUnique();
    }
}

internal sealed class WebCartConfiguration : IEntityTypeConfiguration<WebCart>
{
    public void Configure(EntityTypeBuilder<WebCart> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Items).AutoInclude();
        builder.Ignore(x => x.IsInCheckout);
        builder.HasIndex(x => x.OwnerId);
    }
}

internal sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> builder) => builder.HasKey(x => x.Id);
}

internal sealed class CartShareConfiguration : IEntityTypeConfiguration<CartShare>
{
    public void Configure(EntityTypeBuilder<CartShare> builder) => builder.HasKey(x => new { x.CartId, x.UserId });
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<CartCheckoutSession>
{
    public void Configure(EntityTypeBuilder<CartCheckoutSession> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.WebCartId);
    }
}

internal sealed class ValidationOutputConfiguration : IEntityTypeConfiguration<CartValidationOutput>
{
    public void Configure(EntityTypeBuilder<CartValidationOutput> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.CartId);
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<BackgroundOperation>
{
    public void Configure(EntityTypeBuilder<BackgroundOperation> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.CartId);
        builder.HasIndex(x => x.Status);
        // "Does this cart have a New or Running operation?" runs before every task starts.
        builder.HasIndex(x => new { x.CartId, x.Status });
        // Team mode: instances look for New operations nobody started and Running ones whose lease lapsed.
        builder.HasIndex(x => new { x.Status, x.LeaseUntil });
        builder.Property(x => x.LeaseOwner).HasMaxLength(100);
        builder.Ignore(x => x.IsOpen);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders");
        builder.HasKey(x => x.Id);
        builder.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Items).AutoInclude();
        // One order per checkout session, enforced by the database as well as by the checks.
        builder.HasIndex(x => x.CheckoutSessionId).IsUnique();
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> builder) => builder.HasKey(x => x.Id);
}

internal sealed class OrderSummaryConfiguration : IEntityTypeConfiguration<OrderSummary>
{
    public void Configure(EntityTypeBuilder<OrderSummary> builder)
    {
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.OriginalOrderId).IsUnique();
    }
}

internal sealed class TimelineConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedOnAdd();
        // A cart's latest entries first: the pages read them by cart, newest Id first.
        builder.HasIndex(x => new { x.CartId, x.Id });
        builder.HasIndex(x => x.SessionId);
        builder.Ignore(x => x.IsSuccess);
    }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.HasKey(x => x.Hash);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.Property(x => x.CredentialStamp).HasMaxLength(16);
        builder.HasIndex(x => x.ExpiresAt);
        builder.HasIndex(x => x.UserId);
    }
}

internal sealed class KeyRingEntryConfiguration : IEntityTypeConfiguration<KeyRingEntry>
{
    public void Configure(EntityTypeBuilder<KeyRingEntry> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedOnAdd();
    }
}

internal sealed class LoginFailureRecordConfiguration : IEntityTypeConfiguration<LoginFailureRecord>
{
    public void Configure(EntityTypeBuilder<LoginFailureRecord> builder)
    {
        builder.HasKey(x => x.Key);
        // A username is at most 255 characters (longer ones are cut), a client address at most 45.
        builder.Property(x => x.Key).HasMaxLength(320);
        builder.HasIndex(x => x.Last);
    }
}

internal sealed class ConsoleSessionRecordConfiguration : IEntityTypeConfiguration<ConsoleSessionRecord>
{
    public void Configure(EntityTypeBuilder<ConsoleSessionRecord> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.CredentialStamp).HasMaxLength(16);
        builder.HasIndex(x => x.UserId);
        builder.HasIndex(x => x.LastSeen);
    }
}

internal sealed class EmulatorStateRecordConfiguration : IEntityTypeConfiguration<EmulatorStateRecord>
{
    public void Configure(EntityTypeBuilder<EmulatorStateRecord> builder)
    {
        builder.ToTable("EmulatorState");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(32);
    }
}
