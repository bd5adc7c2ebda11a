using CheckoutConsole.Api.SObjects;
using CheckoutConsole.Api.Soql;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Accounts;

namespace CheckoutConsole.Api.Query;

/// <summary>
/// Runs SOQL for a caller over the records they may see: every object the query reads (parents of
/// relationship paths and children of subqueries too) comes through the registry's visibility, so a
/// hidden parent reads as null and a hidden child isn't there.
/// </summary>
public sealed class QueryRunner(SObjectRegistry registry, RecordReader reader, TimeProvider clock)
{
    /// <summary>Parses and runs <paramref name="soql"/>; a bad query throws <see cref="SoqlException"/>.</summary>
    public async Task<SoqlResult> RunAsync(User user, string soql, CancellationToken ct)
    {
        var query = SoqlParser.Parse(soql);
        var objects = SoqlEngine.ObjectsRead(query, registry.SchemaLookup);
        await using var records = await reader.OpenAsync(user.Id, ct);
        var rows = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>(StringComparer.OrdinalIgnoreCase);
        foreach (var schema in objects)
        {
            rows[schema.Name] = await registry.Find(schema.Name)!.LoadAsync(records, null, ct);
        }

        return SoqlEngine.Execute(query, registry.SchemaLookup, schema => rows[schema.Name], clock.GetUtcNow());
    }

    /// <summary>?columns=true: what the query selects, without running it.</summary>
    public QueryColumns DescribeColumns(string soql)
    {
        var query = SoqlParser.Parse(soql);
        var columns = SoqlEngine.DescribeColumns(query, registry.SchemaLookup);
        var sobject = registry.Find(query.ObjectName)!;
        var aggregated = columns.Any(c => c.Aggregate && c.JoinColumns.Count == 0) || query.IsCountOnly;
        return new QueryColumns(
            [.. columns.Select(Column)],
            sobject.Name,
            aggregated,
            !aggregated && columns.Any(c => c.ColumnName == "Id" && c.JoinColumns.Count == 0),
            aggregated ? null : sobject.KeyPrefix);
    }

    private QueryColumn Column(SoqlColumnMetadata column)
    {
        var updatable = column.Type is not null && column.ObjectName is not null && !column.Aggregate
            && registry.Find(column.ObjectName)?.UpdatableFields.Contains(column.ColumnName) == true;
        return new QueryColumn(
            column.Aggregate,
            column.JoinColumns.Count > 0 || column.Type is null ? null : ApexType(column),
            column.Type == SoqlFieldType.Boolean,
            column.ColumnName,
            false,
            column.DisplayName,
            null,
            false,
            [.. column.JoinColumns.Select(Column)],
            column.Type == SoqlFieldType.Number,
            column.Type == SoqlFieldType.String,
            updatable);
    }

    private static string ApexType(SoqlColumnMetadata column) => column.Type switch
    {
        SoqlFieldType.Id => "Id",
        SoqlFieldType.Number when column.DisplayName.StartsWith("COUNT", StringComparison.OrdinalIgnoreCase) => "Integer",
        SoqlFieldType.Number => "Double",
        SoqlFieldType.Boolean => "Boolean",
        SoqlFieldType.DateTime => "Datetime",
        _ => "String",
    };
}

public sealed record QueryColumn(
    bool Aggregate,
    string? ApexType,
    bool BooleanType,
    string ColumnName,
    bool Custom,
    string DisplayName,
    string? ForeignKeyName,
    bool Insertable,
    IReadOnlyList<QueryColumn> JoinColumns,
    bool NumberType,
    bool TextType,
    bool Updatable);

public sealed record QueryColumns(IReadOnlyList<QueryColumn> ColumnMetadata, string EntityName, bool GroupBy, bool IdSelected, string? KeyPrefix);
