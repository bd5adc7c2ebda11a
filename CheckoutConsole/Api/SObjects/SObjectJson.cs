using CheckoutConsole.Api.Soql;
using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.SObjects;

/// <summary>Records and describes as Salesforce writes them.</summary>
public static class SObjectJson
{
    /// <summary><c>{"attributes": {"type", "url"}, field: value, …}</c>; <paramref name="source"/> holds the Id even when it wasn't selected.</summary>
    public static OrderedDictionary<string, object?> Record(SObjectType type, string version,
        IReadOnlyDictionary<string, object?> source, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var record = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["attributes"] = new SObjectAttributes(type.Name, type.Url(version, (string)source["Id"]!)),
        };
        foreach (var (name, value) in fields)
        {
            record[name] = value;
        }

        return record;
    }

    public static SObjectDescription Describe(SObjectType type, string version, bool withFields)
    {
        var baseUrl = $"/services/data/v{version}/sobjects/{type.Name}";
        return new SObjectDescription(
            type.Name,
            type.Label,
            type.KeyPrefix,
            Queryable: true,
            Retrieveable: true,
            Updateable: type.UpdatableFields.Count > 0,
            new Dictionary<string, string>
            {
                ["sobject"] = baseUrl,
                ["describe"] = baseUrl + "/describe",
                ["rowTemplate"] = baseUrl + "/{ID}",
            },
            withFields ? [.. type.Schema.Fields.Select(f => DescribeField(type, f))] : null);
    }

    private static SObjectFieldDescription DescribeField(SObjectType type, SoqlField field)
    {
        var isReference = field.Type == SoqlFieldType.Id && field.Name != "Id";
        var fieldType = field.Type switch
        {
            SoqlFieldType.Id => isReference ? "reference" : "id",
            SoqlFieldType.Number => "double",
            SoqlFieldType.Boolean => "boolean",
            SoqlFieldType.DateTime => "datetime",
            _ => "string",
        };
        return new SObjectFieldDescription(field.Name, field.Name, fieldType,
            Nillable: field.Name != "Id" && field.Type != SoqlFieldType.Boolean,
            Updateable: type.UpdatableFields.Contains(field.Name),
            isReference ? ReferenceTo(field.Name) : []);
    }

    private static IReadOnlyList<string> ReferenceTo(string fieldName)
    {
        var target = fieldName switch
        {
            "WebCartId" or "CartId" => "WebCart",
            "OwnerId" => "User",
            "SalesStoreId" or "WebStoreId" => "WebStore",
            "OriginalOrderId" => "Order",
            "CheckoutSessionId" => "CartCheckoutSession",
            "RelatedEntityId" => null,
            _ => fieldName.EndsWith("Id", StringComparison.Ordinal) ? fieldName[..^2] : null,
        };
        return target is not null && KeyPrefixes.ObjectByPrefix.Values.Contains(target) ? [target] : [];
    }
}
