namespace CheckoutConsole.Api.Soql;

public sealed record SoqlResult(
    string ObjectName,
    IReadOnlyList<string> FieldNames,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Records)
{
    public int TotalSize => Records.Count;
}
