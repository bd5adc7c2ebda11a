namespace CheckoutConsole.Api.SObjects;

public sealed record SObjectAttributes(string Type, string? Url);

public sealed record QueryResponse(int TotalSize, bool Done, IReadOnlyList<IReadOnlyDictionary<string, object?>> Records)
{
    /// <summary>Where the next page is, while <see cref="Done"/> is false.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? NextRecordsUrl { get; init; }
}

public sealed record PicklistEntry(bool Active, bool DefaultValue, string Label, string Value, string? ValidFor = null);

public sealed record SObjectFieldDescription(
    string Name,
    string Label,
    string Type,
    string SoapType,
    int Length,
    int ByteLength,
    int Precision,
    int Scale,
    bool Nillable,
    bool Createable,
    bool Updateable,
    bool Filterable,
    bool Sortable,
    bool Groupable,
    bool Custom,
    bool Calculated,
    bool Unique,
    bool IdLookup,
    bool NameField,
    bool DefaultedOnCreate,
    IReadOnlyList<string> ReferenceTo,
    string? RelationshipName,
    IReadOnlyList<PicklistEntry> PicklistValues);

public sealed record ChildRelationship(string ChildSObject, string Field, string RelationshipName, bool CascadeDelete, bool DeprecatedAndHidden, bool RestrictedDelete);

public sealed record SObjectDescription(
    string Name,
    string Label,
    string LabelPlural,
    string KeyPrefix,
    bool Queryable,
    bool Retrieveable,
    bool Updateable,
    bool Createable,
    bool Deletable,
    bool Custom,
    bool Searchable,
    bool Layoutable,
    bool Replicateable,
    IReadOnlyDictionary<string, string> Urls,
    IReadOnlyList<SObjectFieldDescription>? Fields,
    IReadOnlyList<ChildRelationship>? ChildRelationships,
    IReadOnlyList<object>? RecordTypeInfos);

/// <summary>GET sobjects/{Type}: the object's basic information and the records recently viewed (none: the emulator keeps no such list).</summary>
public sealed record SObjectBasicInfo(SObjectDescription ObjectDescribe, IReadOnlyList<object> RecentItems);

public sealed record SObjectList(string Encoding, int MaxBatchSize, IReadOnlyList<SObjectDescription> Sobjects);

/// <summary>A sample body for PATCH CartCheckoutSession, for the OpenAPI document.</summary>
public sealed record SessionPatch(string? State, string? NextState, bool? IsProcessing);

public sealed record ApiVersionEntry(string Label, string Url, string Version);
