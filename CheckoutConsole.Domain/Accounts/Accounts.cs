using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Accounts;

public sealed class WebStore
{
    public const int DefaultCheckoutTimeToLiveMinutes = 2880;

    private WebStore() { }

    public string Id { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public int? CheckoutTimeToLive { get; private set; }

    public static WebStore Create(string name, int? checkoutTimeToLive = DefaultCheckoutTimeToLiveMinutes) =>
        new() { Id = Ids.New(KeyPrefixes.WebStore), Name = name, CheckoutTimeToLive = checkoutTimeToLive };

    public void SetCheckoutTimeToLive(int? minutes) => CheckoutTimeToLive = minutes;
}

public static class BuyerStatuses
{
    public const string Active = "Active";
    public const string Inactive = "Inactive";
    public const string OnHold = "On Hold";
    public const string Pending = "Pending";

    public static IReadOnlyList<string> All { get; } = [Active, Inactive, OnHold, Pending];
}

public sealed class Account
{
    private Account() { }

    public string Id { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public string BuyerStatus { get; private set; } = BuyerStatuses.Active;

    public bool IsValidBuyer => BuyerStatus == BuyerStatuses.Active;

    public static Account Create(string name, string buyerStatus = BuyerStatuses.Active) =>
        new() { Id = Ids.New(KeyPrefixes.Account), Name = name, BuyerStatus = buyerStatus };
}

public sealed class StoreMembership
{
    private StoreMembership() { }

    public string WebStoreId { get; private set; } = default!;
    public string AccountId { get; private set; } = default!;

    public static StoreMembership Create(string webStoreId, string accountId) =>
        new() { WebStoreId = webStoreId, AccountId = accountId };
}

[Flags]
public enum UserPermissions
{
    None = 0,
    B2BBuyer = 1,
    B2BCommerceIntegrator = 2,
    ModifyAllData = 4,
}

public sealed class User
{
    private User() { }

    public string Id { get; private set; } = default!;
    public string Username { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public string? AccountId { get; private set; }
    public UserPermissions Permissions { get; private set; }
    public List<string> BuysFor { get; private set; } = [];
    public string PasswordHash { get; private set; } = default!;

    public bool CanInvokeActions =>
        (Permissions & (UserPermissions.B2BBuyer | UserPermissions.B2BCommerceIntegrator | UserPermissions.ModifyAllData)) != 0;

    public bool IsAdmin => Permissions.HasFlag(UserPermissions.ModifyAllData);

    /// <summary>Integrators and admins act on any cart and for any account.</summary>
    public bool ActsOnAnyCart =>
        (Permissions & (UserPermissions.B2BCommerceIntegrator | UserPermissions.ModifyAllData)) != 0;

    public static User Create(string username, string name, string password, UserPermissions permissions, string? accountId, IEnumerable<string> buysFor)
    {
        var buys = buysFor.ToList();
        if (accountId is not null && !buys.Contains(accountId))
        {
            buys.Insert(0, accountId);
        }

        return new User
        {
            Id = Ids.New(KeyPrefixes.User),
            Username = username,
            Name = name,
            AccountId = accountId,
            Permissions = permissions,
            BuysFor = buys,
            PasswordHash = PasswordHasher.Hash(password),
        };
    }

    /// <summary>A new password; every sign-in made with the old one ends (see CredentialCheck).</summary>
    public void ChangePassword(string password) => PasswordHash = PasswordHasher.Hash(password);
}
