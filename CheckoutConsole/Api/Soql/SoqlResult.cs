namespace CheckoutConsole.Api.Soql;

public sealed record SoqlResult(
    string ObjectName,
    IReadOnlyList<string> FieldNames,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Records)
{
    public int TotalSize => Records.Count;

    /// <summary>The rows the records were projected from, in the same order (e.g. for an Id that wasn't selected).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Sources { get; init; } = [];
}
