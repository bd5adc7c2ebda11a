namespace CheckoutConsole.Api.Soql;

public sealed class SoqlQuery
{
    internal SoqlQuery(
        string text,
        IReadOnlyList<SoqlSelectItem> items,
        SoqlName from,
        SoqlCondition? where,
        IReadOnlyList<SoqlName> groupBy,
        IReadOnlyList<SoqlOrdering> orderBy,
        int? limit,
        int? offset)
    {
        Text = text;
        Items = items;
        Fields = [.. items.OfType<SoqlFieldItem>().Select(item => item.Name)];
        FieldNames = [.. Fields.Select(name => name.Text)];
        From = from;
        Where = where;
        GroupBy = groupBy;
        OrderBy = orderBy;
        Limit = limit;
        Offset = offset;
    }

    public string Text { get; }

    public string ObjectName => From.Text;

    /// <summary>The plain fields selected (relationship paths such as WebCart.Name included), in order.</summary>
    public IReadOnlyList<string> FieldNames { get; }

    public int? Limit { get; }

    public int? Offset { get; }

    /// <summary>SELECT COUNT() FROM …: the answer is a number (totalSize), no records.</summary>
    public bool IsCountOnly => Items is [SoqlAggregateItem { Field: null }];

    internal IReadOnlyList<SoqlSelectItem> Items { get; }

    internal IReadOnlyList<SoqlName> Fields { get; }

    internal SoqlName From { get; }

    internal SoqlCondition? Where { get; }

    internal IReadOnlyList<SoqlName> GroupBy { get; }

    internal IReadOnlyList<SoqlOrdering> OrderBy { get; }
}
