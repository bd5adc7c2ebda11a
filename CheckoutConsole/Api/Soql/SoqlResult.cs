namespace CheckoutConsole.Api.Soql;

public sealed record SoqlResult(
    string ObjectName,
    IReadOnlyList<string> FieldNames,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Records)
{
    /// <summary>The number of records, or the count of SELECT COUNT().</summary>
    public int TotalSize { get; init; } = Records.Count;

    /// <summary>The rows the records were projected from, in the same order (e.g. for an Id that wasn't selected); empty for aggregate results.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Sources { get; init; } = [];

    /// <summary>Records are AggregateResult rows (aggregate functions or GROUP BY), not records of <see cref="ObjectName"/>.</summary>
    public bool IsAggregate { get; init; }
}

/// <summary>The value of a parent relationship in a record (WebCart.Name → "WebCart": {…}).</summary>
public sealed record SoqlParentRecord(string ObjectName, IReadOnlyDictionary<string, object?> Source, IReadOnlyDictionary<string, object?> Fields);

/// <summary>The value of a child subquery in a record ((SELECT Id FROM CartItems) → "CartItems": {totalSize, done, records}).</summary>
public sealed record SoqlChildRecords(string ObjectName, IReadOnlyList<IReadOnlyDictionary<string, object?>> Records, IReadOnlyList<IReadOnlyDictionary<string, object?>> Sources);
