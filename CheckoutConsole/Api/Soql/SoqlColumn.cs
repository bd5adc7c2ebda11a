namespace CheckoutConsole.Api.Soql;

/// <summary>One step of a relationship path: the lookup field followed and the object it reaches.</summary>
internal sealed record SoqlHop(string Name, SoqlField Via, SoqlObjectSchema Target);

/// <summary>A field reached from the queried object, directly (Name) or through parents (WebCart.Owner.Name).</summary>
internal sealed record SoqlColumn(SoqlField Field, SoqlObjectSchema Owner, IReadOnlyList<SoqlHop> Hops)
{
    /// <summary>The canonical path, e.g. "WebCart.Name"; also the column's identity.</summary>
    public string Path { get; } = string.Join('.', Hops.Select(h => h.Name).Append(Field.Name));

    public object? Read(IReadOnlyDictionary<string, object?> row, SoqlRowSet rows)
    {
        var current = row;
        foreach (var hop in Hops)
        {
            current = rows.Find(hop.Target, current.GetValueOrDefault(hop.Via.Name));
            if (current is null)
            {
                return null;
            }
        }

        return current.GetValueOrDefault(Field.Name);
    }

    /// <summary>Writes the value into <paramref name="record"/>, nesting a parent record per hop ("WebCart": {"Name": …}), or null where a parent is missing or hidden.</summary>
    public void Project(IReadOnlyDictionary<string, object?> row, SoqlRowSet rows, OrderedDictionary<string, object?> record)
    {
        var container = record;
        var current = row;
        foreach (var hop in Hops)
        {
            if (container.TryGetValue(hop.Name, out var existing))
            {
                if (existing is not SoqlParentRecord parent)
                {
                    return;
                }

                container = (OrderedDictionary<string, object?>)parent.Fields;
                current = parent.Source;
                continue;
            }

            var parentRow = rows.Find(hop.Target, current.GetValueOrDefault(hop.Via.Name));
            if (parentRow is null)
            {
                container[hop.Name] = null;
                return;
            }

            var fields = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            container[hop.Name] = new SoqlParentRecord(hop.Target.Name, parentRow, fields);
            container = fields;
            current = parentRow;
        }

        container[Field.Name] = current.GetValueOrDefault(Field.Name);
    }
}

/// <summary>What ?columns=true describes for one selected column, nested for relationships and subqueries.</summary>
public sealed record SoqlColumnMetadata(
    string ColumnName,
    string DisplayName,
    bool Aggregate,
    SoqlFieldType? Type,
    string? ObjectName,
    IReadOnlyList<SoqlColumnMetadata> JoinColumns);
