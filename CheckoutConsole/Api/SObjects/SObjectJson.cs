using CheckoutConsole.Api.Soql;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;

namespace CheckoutConsole.Api.SObjects;

/// <summary>Records and describes as Salesforce writes them.</summary>
public static class SObjectJson
{
    private const int TextLength = 255;

    /// <summary>The values a picklist field takes, from the domain's own lists (the flow's states, the statuses).</summary>
    private static readonly Dictionary<(string Object, string Field), IReadOnlyList<string>> Picklists = new()
    {
        [("CartCheckoutSession", "State")] = CheckoutFlow.States,
        [("CartCheckoutSession", "NextState")] = CheckoutFlow.States,
        [("WebCart", "Status")] = CartStatuses.All,
        [("WebCart", "Type")] = ["Cart"],
        [("CartItem", "Type")] = [CartItemTypes.Product, CartItemTypes.Charge],
        [("Account", "BuyerStatus")] = BuyerStatuses.All,
        [("CartValidationOutput", "Level")] = [ValidationLevels.Info, ValidationLevels.Warning, ValidationLevels.Error],
        [("CartValidationOutput", "Type")] =
            [ValidationTypes.Inventory, ValidationTypes.Pricing, ValidationTypes.Promotions, ValidationTypes.Shipping, ValidationTypes.Taxes, ValidationTypes.SystemError, ValidationTypes.Other],
        [("BackgroundOperation", "Type")] = OperationTypes.All,
        [("BackgroundOperation", "Status")] = OperationStatuses.All,
        [("Order", "Status")] = [OrderStatuses.Draft, OrderStatuses.Activated],
        [("OrderItem", "Type")] = [OrderItemTypes.OrderProduct, OrderItemTypes.DeliveryCharge],
        [("OrderSummary", "OrderLifeCycleType")] = ["UNMANAGED"],
    };

    /// <summary><c>{"attributes": {"type", "url"}, field: value, …}</c>; <paramref name="source"/> holds the Id even when it wasn't selected.</summary>
    public static OrderedDictionary<string, object?> Record(SObjectType type, string version,
        IReadOnlyDictionary<string, object?> source, IEnumerable<KeyValuePair<string, object?>> fields) =>
        Record(type.Name, version, source, fields);

    /// <summary>A SOQL result record: parent relationships become nested records, subqueries nested query results.</summary>
    public static OrderedDictionary<string, object?> Record(string objectName, string version,
        IReadOnlyDictionary<string, object?> source, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var record = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["attributes"] = new SObjectAttributes(objectName, source.GetValueOrDefault("Id") is string id ? Url(objectName, version, id) : null),
        };
        foreach (var (name, value) in fields)
        {
            record[name] = value switch
            {
                SoqlParentRecord parent => Record(parent.ObjectName, version, parent.Source, parent.Fields),
                SoqlChildRecords children => new QueryResponse(children.Records.Count, true,
                    [.. children.Records.Select((child, i) => (IReadOnlyDictionary<string, object?>)Record(children.ObjectName, version, children.Sources[i], child))]),
                _ => value,
            };
        }

        return record;
    }

    /// <summary>The records of a SOQL result, as the query resource returns them.</summary>
    public static List<IReadOnlyDictionary<string, object?>> Records(SoqlResult result, string version) =>
        result.IsAggregate
            ? [.. result.Records.Select(r => (IReadOnlyDictionary<string, object?>)Aggregate(r))]
            : [.. result.Records.Select((r, i) => (IReadOnlyDictionary<string, object?>)Record(result.ObjectName, version, result.Sources[i], r))];

    public static string Url(string objectName, string version, string id) => $"/services/data/v{version}/sobjects/{objectName}/{id}";

    public static IReadOnlyList<string> PicklistValues(string objectName, string fieldName) =>
        Picklists.GetValueOrDefault((objectName, fieldName)) ?? [];

    public static SObjectDescription Describe(SObjectType type, string version, bool withFields, IReadOnlyList<SObjectType> all)
    {
        var baseUrl = $"/services/data/v{version}/sobjects/{type.Name}";
        return new SObjectDescription(
            type.Name,
            type.Label,
            type.Label.EndsWith('y') ? type.Label[..^1] + "ies" : type.Label + "s",
            type.KeyPrefix,
            Queryable: true,
            Retrieveable: true,
            Updateable: type.UpdatableFields.Count > 0,
            Createable: false,
            Deletable: false,
            Custom: false,
            Searchable: false,
            Layoutable: false,
            Replicateable: false,
            new Dictionary<string, string>
            {
                ["sobject"] = baseUrl,
                ["describe"] = baseUrl + "/describe",
                ["rowTemplate"] = baseUrl + "/{ID}",
            },
            withFields ? [.. type.Schema.Fields.Select(f => DescribeField(type, f))] : null,
            withFields ? ChildRelationships(type, all) : null,
            withFields ? [] : null);
    }

    private static OrderedDictionary<string, object?> Aggregate(IReadOnlyDictionary<string, object?> values)
    {
        var record = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["attributes"] = new SObjectAttributes("AggregateResult", null) };
        foreach (var (name, value) in values)
        {
            record[name] = value;
        }

        return record;
    }

    private static IReadOnlyList<ChildRelationship> ChildRelationships(SObjectType parent, IReadOnlyList<SObjectType> all) =>
    [
        .. all.SelectMany(child => child.Schema.Fields
            .Where(f => string.Equals(f.ReferenceTo, parent.Name, StringComparison.Ordinal))
            .Take(1)
            .Select(f => new ChildRelationship(child.Name, f.Name, child.Name.EndsWith('y') ? child.Name[..^1] + "ies" : child.Name + "s", false, false, false))),
    ];

    private static SObjectFieldDescription DescribeField(SObjectType type, SoqlField field)
    {
        var picklist = PicklistValues(type.Name, field.Name);
        var (fieldType, soapType, length) = field.Type switch
        {
            SoqlFieldType.Id when field.Name == "Id" => ("id", "tns:ID", 18),
            SoqlFieldType.Id => ("reference", "tns:ID", 18),
            SoqlFieldType.Number => ("double", "xsd:double", 0),
            SoqlFieldType.Boolean => ("boolean", "xsd:boolean", 0),
            SoqlFieldType.DateTime => ("datetime", "xsd:dateTime", 0),
            _ when picklist.Count > 0 => ("picklist", "xsd:string", TextLength),
            _ => ("string", "xsd:string", TextLength),
        };
        var defaultValue = field.Name == "State" ? CheckoutFlow.Start : null;
        return new SObjectFieldDescription(
            field.Name,
            field.Name,
            fieldType,
            soapType,
            length,
            ByteLength: length * 3,
            Precision: field.Type == SoqlFieldType.Number ? 18 : 0,
            Scale: field.Type == SoqlFieldType.Number ? 2 : 0,
            Nillable: field.Name != "Id" && field.Type != SoqlFieldType.Boolean,
            Createable: false,
            Updateable: type.UpdatableFields.Contains(field.Name),
            Filterable: true,
            Sortable: true,
            Groupable: field.Type != SoqlFieldType.DateTime,
            Custom: false,
            Calculated: false,
            Unique: false,
            IdLookup: field.Name == "Id",
            NameField: field.Name == "Name",
            DefaultedOnCreate: field.Name is "Id" or "CreatedDate" or "LastModifiedDate",
            field.ReferenceTo is { } target ? [target] : [],
            field.ReferenceTo is null ? null : field.RelationshipName,
            [.. picklist.Select(v => new PicklistEntry(true, v == defaultValue, v, v))]);
    }
}
