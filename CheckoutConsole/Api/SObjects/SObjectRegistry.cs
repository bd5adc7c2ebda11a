using CheckoutConsole.Api.Auth;
using CheckoutConsole.Api.Soql;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Api.SObjects;

/// <summary>
/// One object of SPEC §2 as the API shows it: name, key prefix, fields with their SOQL types, how a
/// record becomes a row of Salesforce field names, and which records a caller may see. sObject
/// GET, describe and SOQL all read this.
/// </summary>
public abstract class SObjectType(string name, string label, string keyPrefix, IReadOnlyList<SoqlField> fields, IReadOnlyList<string> updatableFields)
{
    public string Name { get; } = name;
    public string Label { get; } = label;
    public string KeyPrefix { get; } = keyPrefix;
    public SoqlObjectSchema Schema { get; } = new(name, fields);
    public IReadOnlyList<string> UpdatableFields { get; } = updatableFields;

    /// <summary>The records the viewer may see, as rows keyed by field name; only the one with <paramref name="id"/> when given.</summary>
    public abstract Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> LoadAsync(VisibleRecords records, string? id, CancellationToken ct);

    public string Url(string version, string id) => $"/services/data/v{version}/sobjects/{Name}/{id}";
}

public sealed class SObjectType<T>(
    string name,
    string label,
    string keyPrefix,
    Func<VisibleRecords, IQueryable<T>> visible,
    IReadOnlyList<(SoqlField Field, Func<T, object?> Get)> fields,
    IReadOnlyList<string> updatableFields)
    : SObjectType(name, label, keyPrefix, [.. fields.Select(f => f.Field)], updatableFields)
    where T : class
{
    public override async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> LoadAsync(VisibleRecords records, string? id, CancellationToken ct)
    {
        var query = visible(records);
        if (id is not null)
        {
            query = query.Where(e => EF.Property<string>(e, "Id") == id);
        }

        var entities = await query.ToListAsync(ct);
        return [.. entities.Select(Project)];
    }

    private OrderedDictionary<string, object?> Project(T entity)
    {
        var row = new OrderedDictionary<string, object?>(fields.Count, StringComparer.Ordinal);
        foreach (var (field, get) in fields)
        {
            row.Add(field.Name, get(entity));
        }

        return row;
    }
}

/// <summary>The one org the console emulates, as the Organization record every Salesforce CLI command reads; everyone may see it.</summary>
public sealed class OrganizationSObjectType() : SObjectType("Organization", "Organization", KeyPrefixes.Organization,
    [
        new("Id", SoqlFieldType.Id),
        new("Name", SoqlFieldType.String),
        new("InstanceName", SoqlFieldType.String),
        new("IsSandbox", SoqlFieldType.Boolean),
        new("OrganizationType", SoqlFieldType.String),
        new("NamespacePrefix", SoqlFieldType.String),
        new("TrialExpirationDate", SoqlFieldType.DateTime),
        new("LanguageLocaleKey", SoqlFieldType.String),
        new("TimeZoneSidKey", SoqlFieldType.String),
    ], [])
{
    public override Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> LoadAsync(VisibleRecords records, string? id, CancellationToken ct)
    {
        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows = id is null || id == ApiOrganization.Id ? [Row()] : [];
        return Task.FromResult(rows);
    }

    private static OrderedDictionary<string, object?> Row() => new(StringComparer.Ordinal)
    {
        ["Id"] = ApiOrganization.Id,
        ["Name"] = ApiOrganization.Name,
        ["InstanceName"] = ApiOrganization.InstanceName,
        ["IsSandbox"] = true,
        ["OrganizationType"] = ApiOrganization.OrganizationType,
        ["NamespacePrefix"] = null,
        ["TrialExpirationDate"] = null,
        ["LanguageLocaleKey"] = "en_US",
        ["TimeZoneSidKey"] = "GMT",
    };
}

public sealed class SObjectRegistry
{
    private const SoqlFieldType IdField = SoqlFieldType.Id;
    private const SoqlFieldType Text = SoqlFieldType.String;
    private const SoqlFieldType Number = SoqlFieldType.Number;
    private const SoqlFieldType Flag = SoqlFieldType.Boolean;
    private const SoqlFieldType Time = SoqlFieldType.DateTime;

    private readonly Dictionary<string, SObjectType> _byName;

    public SObjectRegistry()
    {
        All = BuildTypes();
        _byName = All.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        SchemaLookup = SoqlEngine.CreateSchemaLookup(All.Select(t => t.Schema));
    }

    public IReadOnlyList<SObjectType> All { get; }

    public Func<string, SoqlObjectSchema?> SchemaLookup { get; }

    /// <summary>By name, case-insensitively, as Salesforce resolves sObject names in URLs and SOQL.</summary>
    public SObjectType? Find(string? name) => name is not null && _byName.TryGetValue(name, out var type) ? type : null;

    private static SObjectType<T> Define<T>(string name, string label, string keyPrefix, Func<VisibleRecords, IQueryable<T>> visible,
        params (string Name, SoqlFieldType Type, Func<T, object?> Get)[] fields) where T : class =>
        DefineUpdatable(name, label, keyPrefix, visible, [], fields);

    private static SObjectType<T> DefineUpdatable<T>(string name, string label, string keyPrefix, Func<VisibleRecords, IQueryable<T>> visible,
        IReadOnlyList<string> updatable, params (string Name, SoqlFieldType Type, Func<T, object?> Get)[] fields) where T : class =>
        new(name, label, keyPrefix, visible, [.. fields.Select(f => (new SoqlField(f.Name, f.Type, f.Type == IdField ? ReferenceTarget(f.Name) : null), f.Get))], updatable);

    /// <summary>The object a lookup field points to (RelatedEntityId points to a cart or a cart item, so to none in particular).</summary>
    private static string? ReferenceTarget(string fieldName) => fieldName switch
    {
        "Id" or "RelatedEntityId" => null,
        "WebCartId" or "CartId" => "WebCart",
        "OwnerId" => "User",
        "SalesStoreId" or "WebStoreId" => "WebStore",
        "OriginalOrderId" => "Order",
        "CheckoutSessionId" => "CartCheckoutSession",
        _ when fieldName.EndsWith("Id", StringComparison.Ordinal) && KeyPrefixes.ObjectByPrefix.Values.Contains(fieldName[..^2]) => fieldName[..^2],
        _ => null,
    };

    private static List<SObjectType> BuildTypes() =>
    [
        Define<WebStore>("WebStore", "Web Store", KeyPrefixes.WebStore, r => r.Stores,
            ("Id", IdField, s => s.Id),
            ("Name", Text, s => s.Name),
            ("CheckoutTimeToLive", Number, s => s.CheckoutTimeToLive)),
        Define<Account>("Account", "Account", KeyPrefixes.Account, r => r.Accounts,
            ("Id", IdField, a => a.Id),
            ("Name", Text, a => a.Name),
            ("BuyerStatus", Text, a => a.BuyerStatus)),
        Define<User>("User", "User", KeyPrefixes.User, r => r.Users,
            ("Id", IdField, u => u.Id),
            ("Username", Text, u => u.Username),
            ("Name", Text, u => u.Name),
            ("AccountId", IdField, u => u.AccountId),
            ("Permissions", Text, u => PermissionList(u.Permissions)),
            ("BuysFor", Text, u => u.BuysFor.Count == 0 ? null : string.Join(';', u.BuysFor))),
        Define<Product2>("Product2", "Product", KeyPrefixes.Product2, r => r.Products,
            ("Id", IdField, p => p.Id),
            ("Sku", Text, p => p.Sku),
            ("Name", Text, p => p.Name),
            ("ListPrice", Number, p => p.ListPrice),
            ("StockQuantity", Number, p => p.StockQuantity)),
        Define<WebCart>("WebCart", "Cart", KeyPrefixes.WebCart, r => r.Carts,
            ("Id", IdField, c => c.Id),
            ("Name", Text, c => c.Name),
            ("WebStoreId", IdField, c => c.WebStoreId),
            ("AccountId", IdField, c => c.AccountId),
            ("OwnerId", IdField, c => c.OwnerId),
            ("Status", Text, c => c.Status),
            ("Type", Text, c => c.Type),
            ("TotalProductAmount", Number, c => c.TotalProductAmount),
            ("TotalChargeAmount", Number, c => c.TotalChargeAmount),
            ("TotalTaxAmount", Number, c => c.TotalTaxAmount),
            ("GrandTotalAmount", Number, c => c.GrandTotalAmount),
            ("PoNumber", Text, c => c.PoNumber),
            ("CreatedDate", Time, c => c.CreatedDate),
            ("LastModifiedDate", Time, c => c.LastModifiedDate)),
        Define<CartItem>("CartItem", "Cart Item", KeyPrefixes.CartItem, r => r.CartItems,
            ("Id", IdField, i => i.Id),
            ("CartId", IdField, i => i.CartId),
            ("Product2Id", IdField, i => i.Product2Id),
            ("Sku", Text, i => i.Sku),
            ("Name", Text, i => i.Name),
            ("Type", Text, i => i.Type),
            ("Quantity", Number, i => i.Quantity),
            ("ListPrice", Number, i => i.ListPrice),
            ("SalesPrice", Number, i => i.SalesPrice),
            ("TotalAdjustmentAmount", Number, i => i.TotalAdjustmentAmount),
            ("TotalPrice", Number, i => i.TotalPrice)),
        DefineUpdatable<CartCheckoutSession>("CartCheckoutSession", "Cart Checkout Session", KeyPrefixes.CartCheckoutSession,
            r => r.Sessions,
            ["State", "NextState", "IsProcessing"],
            ("Id", IdField, s => s.Id),
            ("Name", Text, s => s.Name),
            ("WebCartId", IdField, s => s.WebCartId),
            ("State", Text, s => s.State),
            ("NextState", Text, s => s.NextState),
            ("IsProcessing", Flag, s => s.IsProcessing),
            ("IsError", Flag, s => s.IsError),
            ("IsArchived", Flag, s => s.IsArchived),
            ("BackgroundOperationId", IdField, s => s.BackgroundOperationId),
            ("OrderId", IdField, s => s.OrderId),
            ("CreatedDate", Time, s => s.CreatedDate),
            ("LastModifiedDate", Time, s => s.LastModifiedDate)),
        Define<CartValidationOutput>("CartValidationOutput", "Cart Validation Output", KeyPrefixes.CartValidationOutput,
            r => r.ValidationOutputs,
            ("Id", IdField, o => o.Id),
            ("Name", Text, o => o.Name),
            ("CartId", IdField, o => o.CartId),
            ("Level", Text, o => o.Level),
            ("Type", Text, o => o.Type),
            ("Message", Text, o => o.Message),
            ("RelatedEntityId", IdField, o => o.RelatedEntityId),
            ("BackgroundOperationId", IdField, o => o.BackgroundOperationId),
            ("IsDismissed", Flag, o => o.IsDismissed),
            ("CreatedDate", Time, o => o.CreatedDate)),
        Define<BackgroundOperation>("BackgroundOperation", "Background Operation", KeyPrefixes.BackgroundOperation,
            r => r.Operations,
            ("Id", IdField, o => o.Id),
            ("Name", Text, o => o.Name),
            ("Type", Text, o => o.Type),
            ("Status", Text, o => o.Status),
            ("Error", Text, o => o.Error),
            ("CartId", IdField, o => o.CartId),
            ("CheckoutSessionId", IdField, o => o.CheckoutSessionId),
            ("SubmittedAt", Time, o => o.SubmittedAt),
            ("StartedAt", Time, o => o.StartedAt),
            ("FinishedAt", Time, o => o.FinishedAt)),
        Define<Order>("Order", "Order", KeyPrefixes.Order, r => r.Orders,
            ("Id", IdField, o => o.Id),
            ("OrderNumber", Text, o => o.OrderNumber),
            ("AccountId", IdField, o => o.AccountId),
            ("OwnerId", IdField, o => o.OwnerId),
            ("SalesStoreId", IdField, o => o.SalesStoreId),
            ("Status", Text, o => o.Status),
            ("OrderedDate", Time, o => o.OrderedDate),
            ("TotalAmount", Number, o => o.TotalAmount),
            ("TotalTaxAmount", Number, o => o.TotalTaxAmount),
            ("PoNumber", Text, o => o.PoNumber)),
        Define<OrderItem>("OrderItem", "Order Product", KeyPrefixes.OrderItem,
            r => r.OrderItems,
            ("Id", IdField, i => i.Id),
            ("OrderId", IdField, i => i.OrderId),
            ("Product2Id", IdField, i => i.Product2Id),
            ("Type", Text, i => i.Type),
            ("Quantity", Number, i => i.Quantity),
            ("UnitPrice", Number, i => i.UnitPrice),
            ("TotalLineAmount", Number, i => i.TotalLineAmount)),
        Define<OrderSummary>("OrderSummary", "Order Summary", KeyPrefixes.OrderSummary,
            r => r.OrderSummaries,
            ("Id", IdField, s => s.Id),
            ("OriginalOrderId", IdField, s => s.OriginalOrderId),
            ("OrderLifeCycleType", Text, s => s.OrderLifeCycleType),
            ("Status", Text, s => s.Status),
            ("CreatedDate", Time, s => s.CreatedDate)),
        new OrganizationSObjectType(),
    ];

    private static string? PermissionList(UserPermissions permissions) =>
        permissions == UserPermissions.None
            ? null
            : string.Join(';', Enum.GetValues<UserPermissions>().Where(p => p != UserPermissions.None && permissions.HasFlag(p)));
}
