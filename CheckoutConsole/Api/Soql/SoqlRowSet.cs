using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.Soql;

/// <summary>
/// The rows one query run reads: each object's rows fetched once, parents found by id, children
/// grouped by the lookup that points at their parent.
/// </summary>
internal sealed class SoqlRowSet(Func<SoqlObjectSchema, IEnumerable<IReadOnlyDictionary<string, object?>>> rows)
{
    private readonly Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>> _rows = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, object?>>> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, string), ILookup<string, IReadOnlyDictionary<string, object?>>> _children = [];

    public IEnumerable<IReadOnlyDictionary<string, object?>> Of(SoqlObjectSchema schema) =>
        _rows.TryGetValue(schema.Name, out var loaded) ? loaded : rows(schema);

    public IReadOnlyDictionary<string, object?>? Find(SoqlObjectSchema schema, object? id)
    {
        if (Id15(id) is not { } key)
        {
            return null;
        }

        if (!_byId.TryGetValue(schema.Name, out var index))
        {
            index = [];
            foreach (var row in Loaded(schema))
            {
                if (Id15(row.GetValueOrDefault("Id")) is { } rowId)
                {
                    index[rowId] = row;
                }
            }

            _byId[schema.Name] = index;
        }

        return index.GetValueOrDefault(key);
    }

    public IEnumerable<IReadOnlyDictionary<string, object?>> ChildrenOf(SoqlObjectSchema child, SoqlField lookup, object? parentId)
    {
        if (Id15(parentId) is not { } key)
        {
            return [];
        }

        if (!_children.TryGetValue((child.Name, lookup.Name), out var byParent))
        {
            byParent = Loaded(child)
                .Where(row => Id15(row.GetValueOrDefault(lookup.Name)) is not null)
                .ToLookup(row => Id15(row.GetValueOrDefault(lookup.Name))!, StringComparer.Ordinal);
            _children[(child.Name, lookup.Name)] = byParent;
        }

        return byParent[key];
    }

    private IReadOnlyList<IReadOnlyDictionary<string, object?>> Loaded(SoqlObjectSchema schema)
    {
        if (!_rows.TryGetValue(schema.Name, out var loaded))
        {
            loaded = [.. rows(schema)];
            _rows[schema.Name] = loaded;
        }

        return loaded;
    }

    private static string? Id15(object? id) =>
        id is string text && text.Length is SalesforceId.ShortLength or SalesforceId.LongLength ? text[..SalesforceId.ShortLength] : null;
}
