namespace CheckoutConsole.Api.Soql;

/// <summary>
/// A compiled query: what to select (fields, parent paths, child subqueries), the filter, the
/// order, OFFSET and LIMIT; aggregate queries hand over to <see cref="SoqlAggregation"/>.
/// </summary>
internal sealed class SoqlPlan
{
    private readonly SoqlSelection _selection;
    private readonly SoqlAggregation? _aggregation;

    private SoqlPlan(SoqlObjectSchema schema, SoqlSelection selection, SoqlAggregation? aggregation, IReadOnlyList<SoqlObjectSchema> objects)
    {
        Schema = schema;
        _selection = selection;
        _aggregation = aggregation;
        Objects = objects;
    }

    public SoqlObjectSchema Schema { get; }

    /// <summary>Every object the query reads: the queried one, parents reached by paths, children of subqueries.</summary>
    public IReadOnlyList<SoqlObjectSchema> Objects { get; }

    public bool IsAggregate => _aggregation is not null;

    public static SoqlPlan Compile(SoqlQuery query, Func<string, SoqlObjectSchema?> schemaLookup, DateTimeOffset now)
    {
        var schema = schemaLookup(query.From.Text)
            ?? throw SoqlErrors.InvalidType(query.Text, query.From.Offset, $"sObject type '{SoqlErrors.Truncate(query.From.Text)}' is not supported");
        var objects = new List<SoqlObjectSchema> { schema };
        var binder = new SoqlBinder(query.Text, schema, schemaLookup, now, objects);
        var aggregated = query.GroupBy.Count > 0 || query.Items.Any(item => item is SoqlAggregateItem);
        if (aggregated)
        {
            var aggregation = SoqlAggregation.Compile(query, binder);
            return new SoqlPlan(schema, aggregation.Selection, aggregation, objects);
        }

        return new SoqlPlan(schema, SoqlSelection.Compile(query, binder, null), null, objects);
    }

    public SoqlResult Run(SoqlRowSet rows)
    {
        if (_aggregation is not null)
        {
            return _aggregation.Run(rows);
        }

        var (records, sources) = _selection.Run(rows.Of(Schema), rows);
        return new SoqlResult(Schema.Name, _selection.Names, records) { Sources = sources };
    }

    public IReadOnlyList<SoqlColumnMetadata> DescribeColumns() => _aggregation?.DescribeColumns() ?? _selection.DescribeColumns();
}

/// <summary>Select list, filter, order, offset and limit over one object's rows: the main query or a subquery.</summary>
internal sealed class SoqlSelection
{
    private readonly IReadOnlyList<object> _outputs;
    private readonly SoqlColumn[] _slots;
    private readonly Func<object?[], bool>? _predicate;
    private readonly SoqlSortKey[] _sortKeys;
    private readonly int? _limit;
    private readonly int _offset;

    private SoqlSelection(SoqlObjectSchema schema, IReadOnlyList<object> outputs, SoqlColumn[] slots, Func<object?[], bool>? predicate,
        SoqlSortKey[] sortKeys, int? limit, int offset, SoqlField? parentLookup)
    {
        Schema = schema;
        _outputs = outputs;
        _slots = slots;
        _predicate = predicate;
        _sortKeys = sortKeys;
        _limit = limit;
        _offset = offset;
        ParentLookup = parentLookup;
        Names = [.. outputs.Select(o => o is SoqlColumn column ? column.Path : ((SoqlSubquery)o).Name)];
    }

    public SoqlObjectSchema Schema { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>For a subquery, the child's lookup to its parent.</summary>
    public SoqlField? ParentLookup { get; }

    public static SoqlSelection Compile(SoqlQuery query, SoqlBinder binder, SoqlField? parentLookup)
    {
        var outputs = new List<object>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in query.Items)
        {
            var output = item switch
            {
                SoqlFieldItem field => (object)binder.Resolve(field.Name),
                SoqlSubqueryItem subquery => binder.Subquery(subquery),
                _ => throw new InvalidOperationException("Aggregates compile in SoqlAggregation."),
            };
            var name = output is SoqlColumn column ? column.Path : ((SoqlSubquery)output).Name;
            if (!seen.Add(name))
            {
                throw SoqlErrors.Malformed(query.Text, item.Offset, $"duplicate field selected: {name}");
            }

            outputs.Add(output);
        }

        var predicate = query.Where is null ? null : binder.Compile(query.Where);
        var sortKeys = binder.SortKeys(query.OrderBy);
        return new SoqlSelection(binder.Schema, outputs, [.. binder.Slots], predicate, sortKeys, query.Limit, query.Offset ?? 0, parentLookup);
    }

    /// <summary>The rows that pass the filter, ordered, after OFFSET and LIMIT.</summary>
    public List<IReadOnlyDictionary<string, object?>> Select(IEnumerable<IReadOnlyDictionary<string, object?>> candidates, SoqlRowSet rows)
    {
        var selected = new List<IReadOnlyDictionary<string, object?>>();
        if (_limit == 0)
        {
            return selected;
        }

        var end = _limit is { } limit ? _offset + limit : int.MaxValue;
        var matched = _sortKeys.Length == 0 ? null : new List<(IReadOnlyDictionary<string, object?> Row, object?[] Values)>();
        var passed = 0;
        foreach (var row in candidates)
        {
            var values = Values(row, rows);
            if (_predicate is not null && !_predicate(values))
            {
                continue;
            }

            if (matched is not null)
            {
                matched.Add((row, values));
                continue;
            }

            if (passed++ >= _offset)
            {
                selected.Add(row);
            }

            if (passed == end)
            {
                break;
            }
        }

        if (matched is not null)
        {
            // A stable sort: rows that tie keep the order they were read in.
            var ordered = matched.Select((entry, index) => (entry.Row, entry.Values, Index: index)).ToList();
            ordered.Sort((left, right) =>
            {
                var order = SoqlSortKey.Compare(_sortKeys, left.Values, right.Values);
                return order != 0 ? order : left.Index.CompareTo(right.Index);
            });
            selected.AddRange(ordered.Skip(_offset).Take(end - _offset).Select(entry => entry.Row));
        }

        return selected;
    }

    public (List<IReadOnlyDictionary<string, object?>> Records, List<IReadOnlyDictionary<string, object?>> Sources) Run(
        IEnumerable<IReadOnlyDictionary<string, object?>> candidates, SoqlRowSet rows)
    {
        var sources = Select(candidates, rows);
        return ([.. sources.Select(row => (IReadOnlyDictionary<string, object?>)Project(row, rows))], sources);
    }

    public object?[] Values(IReadOnlyDictionary<string, object?> row, SoqlRowSet rows)
    {
        var values = new object?[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            values[i] = SoqlValueComparer.FromRow(_slots[i].Field, _slots[i].Read(row, rows));
        }

        return values;
    }

    public IReadOnlyList<SoqlColumnMetadata> DescribeColumns()
    {
        var columns = new List<SoqlColumnMetadata>();
        foreach (var output in _outputs)
        {
            if (output is SoqlSubquery subquery)
            {
                columns.Add(new SoqlColumnMetadata(subquery.Name, subquery.Name, true, null, subquery.Selection.Schema.Name, subquery.Selection.DescribeColumns()));
            }
            else
            {
                SoqlColumnDescriber.Add(columns, (SoqlColumn)output, 0);
            }
        }

        return columns;
    }

    private OrderedDictionary<string, object?> Project(IReadOnlyDictionary<string, object?> row, SoqlRowSet rows)
    {
        var record = new OrderedDictionary<string, object?>(_outputs.Count, StringComparer.Ordinal);
        foreach (var output in _outputs)
        {
            if (output is SoqlColumn column)
            {
                column.Project(row, rows, record);
            }
            else
            {
                var subquery = (SoqlSubquery)output;
                var children = subquery.Selection.Run(rows.ChildrenOf(subquery.Selection.Schema, subquery.Selection.ParentLookup!, row.GetValueOrDefault("Id")), rows);
                record[subquery.Name] = children.Records.Count == 0 ? null : new SoqlChildRecords(subquery.Selection.Schema.Name, children.Records, children.Sources);
            }
        }

        return record;
    }
}

/// <summary>A child subquery, e.g. (SELECT Id FROM CartItems) on WebCart.</summary>
internal sealed record SoqlSubquery(string Name, SoqlSelection Selection);

internal readonly record struct SoqlSortKey(int Slot, bool Descending, bool NullsFirst, SoqlValueComparer Comparer)
{
    public static int Compare(SoqlSortKey[] keys, object?[] left, object?[] right)
    {
        foreach (var key in keys)
        {
            var a = left[key.Slot];
            var b = right[key.Slot];
            var order = (a, b) switch
            {
                (null, null) => 0,
                (null, _) => key.NullsFirst ? -1 : 1,
                (_, null) => key.NullsFirst ? 1 : -1,
                _ => key.Descending ? key.Comparer.Compare(b, a) : key.Comparer.Compare(a, b),
            };
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}

internal static class SoqlColumnDescriber
{
    /// <summary>Adds a column, merging paths through the same relationship into one entry with join columns.</summary>
    public static void Add(List<SoqlColumnMetadata> columns, SoqlColumn column, int depth)
    {
        if (depth == column.Hops.Count)
        {
            columns.Add(new SoqlColumnMetadata(column.Field.Name, column.Field.Name, false, column.Field.Type, column.Owner.Name, []));
            return;
        }

        var hop = column.Hops[depth];
        var index = columns.FindIndex(c => c.ColumnName == hop.Name && !c.Aggregate);
        var joins = index < 0 ? [] : new List<SoqlColumnMetadata>(columns[index].JoinColumns);
        Add(joins, column, depth + 1);
        var entry = new SoqlColumnMetadata(hop.Name, hop.Name, false, null, hop.Target.Name, joins);
        if (index < 0)
        {
            columns.Add(entry);
        }
        else
        {
            columns[index] = entry;
        }
    }
}
