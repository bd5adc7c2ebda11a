namespace CheckoutConsole.Api.Soql;

/// <summary>
/// Aggregate queries: SELECT COUNT() (a number, no records), and COUNT, COUNT_DISTINCT, SUM, AVG,
/// MIN, MAX with or without GROUP BY (AggregateResult records, unnamed aggregates as expr0, expr1…).
/// </summary>
internal sealed class SoqlAggregation
{
    private readonly SoqlObjectSchema _schema;
    private readonly IReadOnlyList<(string Name, SoqlColumn Column)> _groups;
    private readonly IReadOnlyList<Aggregate> _aggregates;
    private readonly IReadOnlyList<(int Group, bool Descending, bool NullsFirst)> _order;
    private readonly bool _countOnly;
    private readonly int? _limit;
    private readonly int _offset;

    private SoqlAggregation(SoqlObjectSchema schema, SoqlSelection selection, IReadOnlyList<(string, SoqlColumn)> groups, IReadOnlyList<Aggregate> aggregates,
        IReadOnlyList<(int, bool, bool)> order, bool countOnly, int? limit, int offset)
    {
        _schema = schema;
        Selection = selection;
        _groups = groups;
        _aggregates = aggregates;
        _order = order;
        _countOnly = countOnly;
        _limit = limit;
        _offset = offset;
    }

    /// <summary>The filter over the queried rows (its own select list is empty).</summary>
    public SoqlSelection Selection { get; }

    private sealed record Aggregate(string Name, string Function, SoqlColumn? Column, string Text);

    public static SoqlAggregation Compile(SoqlQuery query, SoqlBinder binder)
    {
        var text = query.Text;
        var groups = new List<(string Name, SoqlColumn Column)>();
        foreach (var name in query.GroupBy)
        {
            var column = binder.Resolve(name);
            if (column.Field.Type == SoqlFieldType.DateTime)
            {
                throw SoqlErrors.Malformed(text, name.Offset, $"field '{column.Path}' can't be grouped by", "group by Id, text, number or boolean fields");
            }

            groups.Add((column.Field.Name, column));
        }

        var countOnly = query.IsCountOnly && groups.Count == 0;
        var aggregates = new List<Aggregate>();
        var expressions = 0;
        foreach (var item in query.Items)
        {
            switch (item)
            {
                case SoqlSubqueryItem:
                    throw SoqlErrors.Malformed(text, item.Offset, "a subquery can't be combined with aggregate functions or GROUP BY");
                case SoqlFieldItem field:
                    var column = binder.Resolve(field.Name);
                    if (!groups.Any(g => string.Equals(g.Column.Path, column.Path, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw SoqlErrors.Malformed(text, field.Name.Offset, $"field '{column.Path}' must be grouped or aggregated", "add it to GROUP BY or wrap it in an aggregate function");
                    }

                    break;
                case SoqlAggregateItem { Field: null } when !countOnly:
                    throw SoqlErrors.Malformed(text, item.Offset, "COUNT() must be the only item in the select list and can't be grouped", "use COUNT(Id) with other fields or GROUP BY");
                case SoqlAggregateItem { Field: null }:
                    break;
                case SoqlAggregateItem aggregate:
                    var target = binder.Resolve(aggregate.Field);
                    Check(text, aggregate, target);
                    aggregates.Add(new Aggregate(aggregate.Alias ?? $"expr{expressions++}", aggregate.Function, target, aggregate.Text));
                    break;
            }
        }

        var order = new List<(int, bool, bool)>();
        foreach (var ordering in query.OrderBy)
        {
            var column = binder.Resolve(ordering.Field);
            var group = groups.FindIndex(g => string.Equals(g.Column.Path, column.Path, StringComparison.OrdinalIgnoreCase));
            if (group < 0)
            {
                throw SoqlErrors.Malformed(text, ordering.Field.Offset, $"ORDER BY '{column.Path}' in an aggregate query must name a GROUP BY field");
            }

            order.Add((group, ordering.Descending, ordering.NullsFirst));
        }

        var filter = new SoqlQuery(text, [], query.From, query.Where, [], [], null, null);
        return new SoqlAggregation(binder.Schema, SoqlSelection.Compile(filter, binder, null), groups, aggregates, order, countOnly, query.Limit, query.Offset ?? 0);
    }

    public SoqlResult Run(SoqlRowSet rows)
    {
        var matched = Selection.Select(rows.Of(_schema), rows);
        var names = _groups.Select(g => g.Name).Concat(_aggregates.Select(a => a.Name)).ToList();
        if (_countOnly)
        {
            var count = Math.Max(0, Math.Min(matched.Count - _offset, _limit ?? int.MaxValue));
            return new SoqlResult(_schema.Name, [], []) { TotalSize = count, IsAggregate = true };
        }

        var buckets = new List<(object?[] Key, List<IReadOnlyDictionary<string, object?>> Rows)>();
        var index = new Dictionary<GroupKey, int>(new GroupKeyComparer([.. _groups.Select(g => SoqlValueComparer.For(g.Column.Field.Type))]));
        foreach (var row in matched)
        {
            var key = _groups.Select(g => SoqlValueComparer.FromRow(g.Column.Field, g.Column.Read(row, rows))).ToArray();
            if (!index.TryGetValue(new GroupKey(key), out var bucket))
            {
                bucket = buckets.Count;
                index[new GroupKey(key)] = bucket;
                buckets.Add((key, []));
            }

            buckets[bucket].Rows.Add(row);
        }

        if (_groups.Count == 0 && buckets.Count == 0)
        {
            buckets.Add(([], []));
        }

        if (_order.Count > 0)
        {
            var keys = _order.Select(o => new SoqlSortKey(o.Group, o.Descending, o.NullsFirst, SoqlValueComparer.For(_groups[o.Group].Column.Field.Type))).ToArray();
            buckets = [.. buckets.Select((b, i) => (b, i)).OrderBy(x => x, Comparer<((object?[] Key, List<IReadOnlyDictionary<string, object?>> Rows) b, int i)>.Create((x, y) =>
            {
                var order = SoqlSortKey.Compare(keys, x.b.Key, y.b.Key);
                return order != 0 ? order : x.i.CompareTo(y.i);
            })).Select(x => x.b)];
        }

        var records = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var (_, bucketRows) in buckets.Skip(_offset).Take(_limit ?? int.MaxValue))
        {
            var record = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, column) in _groups)
            {
                record[name] = bucketRows.Count == 0 ? null : column.Read(bucketRows[0], rows);
            }

            foreach (var aggregate in _aggregates)
            {
                record[aggregate.Name] = Compute(aggregate, bucketRows, rows);
            }

            records.Add(record);
        }

        return new SoqlResult(_schema.Name, names, records) { IsAggregate = true };
    }

    public IReadOnlyList<SoqlColumnMetadata> DescribeColumns() =>
    [
        .. _groups.Select(g => new SoqlColumnMetadata(g.Name, g.Name, false, g.Column.Field.Type, g.Column.Owner.Name, [])),
        .. _aggregates.Select(a => new SoqlColumnMetadata(a.Name, a.Text, true,
            a.Function is "COUNT" or "COUNT_DISTINCT" or "SUM" or "AVG" ? SoqlFieldType.Number : a.Column!.Field.Type, a.Column?.Owner.Name, [])),
    ];

    private static void Check(string text, SoqlAggregateItem item, SoqlColumn column)
    {
        var type = column.Field.Type;
        var valid = item.Function switch
        {
            "SUM" or "AVG" => type == SoqlFieldType.Number,
            "MIN" or "MAX" => type != SoqlFieldType.Boolean,
            _ => true,
        };
        if (!valid)
        {
            throw SoqlErrors.Malformed(text, item.Offset, $"{item.Function} can't be applied to {type} field '{column.Path}'",
                item.Function is "SUM" or "AVG" ? "it takes a number field" : "it takes a non-boolean field");
        }
    }

    private static object? Compute(Aggregate aggregate, List<IReadOnlyDictionary<string, object?>> bucket, SoqlRowSet rows)
    {
        var column = aggregate.Column!;
        var values = bucket.Select(row => SoqlValueComparer.FromRow(column.Field, column.Read(row, rows)))
            .Where(v => v is not null)
            .Cast<object>()
            .ToList();
        var comparer = SoqlValueComparer.For(column.Field.Type);
        return aggregate.Function switch
        {
            "COUNT" => values.Count,
            "COUNT_DISTINCT" => values.Distinct(comparer).Count(),
            "SUM" => values.Count == 0 ? null : values.Sum(v => (decimal)v),
            "AVG" => values.Count == 0 ? null : values.Average(v => (decimal)v),
            "MIN" => values.Count == 0 ? null : Raw(values.Min(comparer), column),
            _ => values.Count == 0 ? null : Raw(values.Max(comparer), column),
        };
    }

    private static object? Raw(object? value, SoqlColumn column) =>
        value is DateTimeOffset instant && column.Field.Type == SoqlFieldType.DateTime ? instant.UtcDateTime : value;

    private readonly record struct GroupKey(object?[] Values);

    private sealed class GroupKeyComparer(SoqlValueComparer[] comparers) : IEqualityComparer<GroupKey>
    {
        public bool Equals(GroupKey x, GroupKey y)
        {
            for (var i = 0; i < comparers.Length; i++)
            {
                if (!comparers[i].Equals(x.Values[i], y.Values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(GroupKey key)
        {
            var hash = new HashCode();
            for (var i = 0; i < comparers.Length; i++)
            {
                hash.Add(key.Values[i] is null ? 0 : comparers[i].GetHashCode(key.Values[i]!));
            }

            return hash.ToHashCode();
        }
    }
}
