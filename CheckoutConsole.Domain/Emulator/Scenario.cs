using System.Text.Json;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Emulator;

public sealed record ScenarioStore(string Name, int? CheckoutTimeToLive);

public sealed record ScenarioAccount(string Name, string BuyerStatus);

public sealed record ScenarioMembership(string Store, string Account);

public sealed record ScenarioUser(string Username, string Name, string Password, UserPermissions Permissions, string? Account, IReadOnlyList<string> BuysFor)
{
    private string? _passwordHash;

    /// <summary>Hashed once (PBKDF2 is slow on purpose), so a reset re-creates the users in no time.</summary>
    public string PasswordHash => _passwordHash ??= PasswordHasher.Hash(Password);
}

public sealed record ScenarioProduct(string Sku, string Name, decimal ListPrice, int StockQuantity);

public sealed record ScenarioLine(string Sku, int Quantity);

public sealed record ScenarioCart(
    string Name, string Store, string Account, string Owner,
    IReadOnlyList<ScenarioLine> Lines, IReadOnlyList<string> SharedWith, string? CheckoutState);

/// <summary>
/// A world to start from: stores, accounts, memberships, users, products and carts, all referring
/// to each other by name. The built-in demo data is one (Data/DemoScenario.json); a test suite
/// loads its own with <c>PUT /emulator/v1/scenario</c> or <c>--scenario=path.json</c>. Records take
/// ids from the id sequences in the order they are listed.
/// </summary>
public sealed record Scenario(
    IReadOnlyList<ScenarioStore> Stores,
    IReadOnlyList<ScenarioAccount> Accounts,
    IReadOnlyList<ScenarioMembership> Memberships,
    IReadOnlyList<ScenarioUser> Users,
    IReadOnlyList<ScenarioProduct> Products,
    IReadOnlyList<ScenarioCart> Carts)
{
    public const int MaxRecords = 10_000;
    public const int MaxLinesPerCart = 500;

    private static readonly Dictionary<string, UserPermissions> PermissionNames = new(StringComparer.Ordinal)
    {
        [nameof(UserPermissions.B2BBuyer)] = UserPermissions.B2BBuyer,
        [nameof(UserPermissions.B2BCommerceIntegrator)] = UserPermissions.B2BCommerceIntegrator,
        [nameof(UserPermissions.ModifyAllData)] = UserPermissions.ModifyAllData,
    };

    /// <summary>
    /// Whether a reset to this scenario brings the cart back: the scenario's carts are written first,
    /// with fresh sequences, so they are carts 1 to N, and every cart made later has a higher number.
    /// </summary>
    public bool HasCart(string cartId) =>
        IdSequences.TryReadNumber(cartId, out var prefix, out var number) && prefix == KeyPrefixes.WebCart && number <= Carts.Count;

    /// <summary>The states an open checkout may be loaded in: the flow's screens (a task state would need a running task).</summary>
    public static IReadOnlyList<string> CheckoutStates { get; } =
        [.. CheckoutFlow.Steps.Where(s => !s.IsTask).Select(s => s.State)];

    public static (Scenario? Scenario, EmulatorProblem? Problem) Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return (null, new EmulatorProblem("$", $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}: expected a scenario object"));
        }

        return Read(root);
    }

    public static (Scenario? Scenario, EmulatorProblem? Problem) Read(JsonElement document)
    {
        try
        {
            return (ReadChecked(JsonAt.Root(document)), null);
        }
        catch (EmulatorJsonException ex)
        {
            return (null, ex.Problem);
        }
    }

    private static Scenario ReadChecked(JsonAt root)
    {
        root.Object("stores", "accounts", "memberships", "users", "products", "carts");

        var stores = Unique(root.Property("stores").Array(MaxRecords), "name", "store", e =>
        {
            e.Object("name", "checkoutTimeToLive");
            var ttl = e.Property("checkoutTimeToLive");
            int? minutes = ttl.Value.ValueKind switch
            {
                JsonValueKind.Undefined => WebStore.DefaultCheckoutTimeToLiveMinutes,
                JsonValueKind.Null => null,
                _ => ttl.Int(1, 525_600),
            };
            return new ScenarioStore(e.Property("name").String(), minutes);
        }, s => s.Name);

        var accounts = Unique(root.Property("accounts").Array(MaxRecords), "name", "account", e =>
        {
            e.Object("name", "buyerStatus");
            var status = e.Property("buyerStatus");
            return new ScenarioAccount(e.Property("name").String(), status.IsMissing ? BuyerStatuses.Active : status.OneOf(BuyerStatuses.All));
        }, a => a.Name);
        var accountNames = accounts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var storeNames = stores.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var memberships = new List<ScenarioMembership>();
        foreach (var e in root.Property("memberships").Array(MaxRecords))
        {
            e.Object("store", "account");
            var membership = new ScenarioMembership(
                Reference(e.Property("store"), storeNames, "store"),
                Reference(e.Property("account"), accountNames, "account"));
            if (memberships.Contains(membership))
            {
                throw e.Fail($"duplicate membership: account '{membership.Account}' is already a member of store '{membership.Store}'");
            }

            memberships.Add(membership);
        }

        var users = Unique(root.Property("users").Array(MaxRecords), "username", "username", e =>
        {
            e.Object("username", "name", "password", "permissions", "account", "buysFor");
            var permissions = UserPermissions.None;
            foreach (var p in e.Property("permissions").Array(PermissionNames.Count))
            {
                permissions |= PermissionNames[p.OneOf(PermissionNames.Keys)];
            }

            var account = e.Property("account");
            return new ScenarioUser(
                e.Property("username").String(),
                e.Property("name").String(),
                e.Property("password").String(128),
                permissions,
                account.IsMissing ? null : Reference(account, accountNames, "account"),
                [.. e.Property("buysFor").Array(MaxRecords).Select(b => Reference(b, accountNames, "account"))]);
        }, u => u.Username);
        var usernames = users.Select(u => u.Username).ToHashSet(StringComparer.Ordinal);

        var products = Unique(root.Property("products").Array(MaxRecords), "sku", "product sku", e =>
        {
            e.Object("sku", "name", "listPrice", "stockQuantity");
            return new ScenarioProduct(
                e.Property("sku").String(),
                e.Property("name").String(),
                e.Property("listPrice").Decimal(0m, 1_000_000_000m),
                e.Property("stockQuantity").Int(0, 100_000_000));
        }, p => p.Sku);
        var skus = products.Select(p => p.Sku).ToHashSet(StringComparer.Ordinal);

        var carts = Unique(root.Property("carts").Array(MaxRecords), "name", "cart", e =>
        {
            e.Object("name", "store", "account", "owner", "lines", "sharedWith", "checkout");
            var lines = e.Property("lines").Array(MaxLinesPerCart).Select(l =>
            {
                l.Object("sku", "quantity");
                return new ScenarioLine(Reference(l.Property("sku"), skus, "product sku"), l.Property("quantity").Int(1, WebCart.MaxQuantity));
            }).ToList();
            var owner = Reference(e.Property("owner"), usernames, "username");
            var shared = e.Property("sharedWith").Array(MaxRecords).Select(s => Reference(s, usernames, "username")).Distinct(StringComparer.Ordinal).ToList();
            var checkout = e.Property("checkout");
            string? state = null;
            if (!checkout.IsMissing)
            {
                checkout.Object("state");
                state = checkout.Property("state").OneOf(CheckoutStates);
            }

            return new ScenarioCart(
                e.Property("name").String(),
                Reference(e.Property("store"), storeNames, "store"),
                Reference(e.Property("account"), accountNames, "account"),
                owner, lines, shared, state);
        }, c => c.Name);

        return new Scenario(stores, accounts, memberships, users, products, carts);
    }

    private static List<T> Unique<T>(IReadOnlyList<JsonAt> elements, string keyField, string what, Func<JsonAt, T> read, Func<T, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<T>(elements.Count);
        foreach (var element in elements)
        {
            var item = read(element);
            if (!seen.Add(key(item)))
            {
                throw element.Property(keyField).Fail($"duplicate {what} '{JsonAt.Clip(key(item))}': each {what} is listed once");
            }

            list.Add(item);
        }

        return list;
    }

    private static string Reference(JsonAt value, IReadOnlySet<string> known, string what)
    {
        var name = value.String();
        if (!known.Contains(name))
        {
            throw value.Fail($"dangling reference: no {what} '{JsonAt.Clip(name)}' in the scenario; expected one of the scenario's {what}s");
        }

        return name;
    }
}
