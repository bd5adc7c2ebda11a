namespace CheckoutConsole.Api.SObjects;

public sealed record SObjectAttributes(string Type, string Url);

public sealed record QueryResponse(int TotalSize, bool Done, IReadOnlyList<IReadOnlyDictionary<string, object?>> Records);

public sealed record SObjectFieldDescription(string Name, string Label, string Type, bool Nillable, bool Updateable, IReadOnlyList<string> ReferenceTo);

public sealed record SObjectDescription(
    string Name,
    string Label,
    string KeyPrefix,
    bool Queryable,
    bool Retrieveable,
    bool Updateable,
    IReadOnlyDictionary<string, string> Urls,
    IReadOnlyList<SObjectFieldDescription>? Fields);

public sealed record SObjectList(string Encoding, int MaxBatchSize, IReadOnlyList<SObjectDescription> Sobjects);

/// <summary>A sample body for PATCH CartCheckoutSession, for the OpenAPI document.</summary>
public sealed record SessionPatch(string? State, string? NextState, bool? IsProcessing);

public sealed record ApiVersionEntry(string Label, string Url, string Version);
