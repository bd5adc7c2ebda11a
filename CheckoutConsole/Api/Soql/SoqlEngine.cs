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

    public static SoqlResult Execute(
        SoqlQuery query,
        Func<string, SoqlObjectSchema?> schemaLookup,
        Func<SoqlObjectSchema, IEnumerable<IReadOnlyDictionary<string, object?>>> rows)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(schemaLookup);
        ArgumentNullException.ThrowIfNull(rows);

        var plan = SoqlPlan.Compile(query, schemaLookup);
        return plan.Run(rows(plan.Schema));
    }
}
