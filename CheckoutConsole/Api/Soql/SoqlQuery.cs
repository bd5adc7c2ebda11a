namespace CheckoutConsole.Api.Soql;

public sealed class SoqlQuery
{
    internal SoqlQuery(
        string text,
        IReadOnlyList<SoqlName> fields,
        SoqlName from,
        SoqlCondition? where,
        IReadOnlyList<SoqlOrdering> orderBy,
        int? limit)
    {
        Text = text;
        Fields = fields;
        FieldNames = [.. fields.Select(name => name.Text)];
        From = from;
        Where = where;
        OrderBy = orderBy;
        Limit = limit;
    }

    public string Text { get; }

    public string ObjectName => From.Text;

    public IReadOnlyList<string> FieldNames { get; }

    public int? Limit { get; }

    internal IReadOnlyList<SoqlName> Fields { get; }

    internal SoqlName From { get; }

    internal SoqlCondition? Where { get; }

    internal IReadOnlyList<SoqlOrdering> OrderBy { get; }
}
