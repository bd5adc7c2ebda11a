namespace CheckoutConsole.Api.Soql;

public static class SoqlEngine
{
    public static Func<string, SoqlObjectSchema?> CreateSchemaLookup(IEnumerable<SoqlObjectSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var byName = schemas.ToDictionary(schema => schema.Name, StringComparer.OrdinalIgnoreCase);
        return name => byName.GetValueOrDefault(name);
    }

    public static SoqlResult Execute(
        string? text,
        Func<string, SoqlObjectSchema?> schemaLookup,
        Func<SoqlObjectSchema, IEnumerable<IReadOnlyDictionary<string, object?>>> rows) =>
        Execute(SoqlParser.Parse(text), schemaLookup, rows);

    /// <summary>Runs the query over <paramref name="rows"/> (asked once per object it reads); date literals such as TODAY count from <paramref name="now"/>.</summary>
    public static SoqlResult Execute(
        SoqlQuery query,
        Func<string, SoqlObjectSchema?> schemaLookup,
        Func<SoqlObjectSchema, IEnumerable<IReadOnlyDictionary<string, object?>>> rows,
        DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(schemaLookup);
        ArgumentNullException.ThrowIfNull(rows);

        var plan = SoqlPlan.Compile(query, schemaLookup, now ?? TimeProvider.System.GetUtcNow());
        return plan.Run(new SoqlRowSet(rows));
    }

    /// <summary>The objects a query reads (the queried one first), so a caller can load their rows before running it; throws as Execute would for a bad query.</summary>
    public static IReadOnlyList<SoqlObjectSchema> ObjectsRead(SoqlQuery query, Func<string, SoqlObjectSchema?> schemaLookup) =>
        SoqlPlan.Compile(query, schemaLookup, DateTimeOffset.UnixEpoch).Objects;

    /// <summary>The select list as ?columns=true describes it, without running the query.</summary>
    public static IReadOnlyList<SoqlColumnMetadata> DescribeColumns(SoqlQuery query, Func<string, SoqlObjectSchema?> schemaLookup) =>
        SoqlPlan.Compile(query, schemaLookup, DateTimeOffset.UnixEpoch).DescribeColumns();
}
