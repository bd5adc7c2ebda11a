using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.Soql;

internal sealed class SoqlPlan
{
    private readonly SoqlField[] _select;
    private readonly string[] _selectNames;
    private readonly SoqlField[] _slots;
    private readonly Func<object?[], bool>? _predicate;
    private readonly SortKey[] _sortKeys;
    private readonly int? _limit;

    private SoqlPlan(SoqlObjectSchema schema, SoqlField[] select, SoqlField[] slots, Func<object?[], bool>? predicate, SortKey[] sortKeys, int? limit)
    {
        Schema = schema;
        _select = select;
        _selectNames = [.. select.Select(field => field.Name)];
        _slots = slots;
        _predicate = predicate;
        _sortKeys = sortKeys;
        _limit = limit;
    }

    public SoqlObjectSchema Schema { get; }

    public static SoqlPlan Compile(SoqlQuery query, Func<string, SoqlObjectSchema?> schemaLookup)
    {
        var schema = schemaLookup(query.From.Text)
            ?? throw SoqlErrors.InvalidType(query.Text, query.From.Offset, $"sObject type '{SoqlErrors.Truncate(query.From.Text)}' is not supported");
        var binder = new Binder(query.Text, schema);

        var select = new List<SoqlField>(query.Fields.Count);
        foreach (var name in query.Fields)
        {
            var field = binder.Resolve(name);
            if (select.Contains(field))
            {
                throw SoqlErrors.Malformed(query.Text, name.Offset, $"duplicate field selected: {field.Name}");
            }

            select.Add(field);
        }

        var predicate = query.Where is null ? null : binder.Compile(query.Where);
        var sortKeys = query.OrderBy
            .Select(ordering =>
            {
                var field = binder.Resolve(ordering.Field);
                return new SortKey(binder.SlotOf(field), ordering.Descending, ordering.NullsFirst, SoqlValueComparer.For(field.Type));
            })
            .ToArray();

        return new SoqlPlan(schema, [.. select], [.. binder.Slots], predicate, sortKeys, query.Limit);
    }

    public SoqlResult Run(IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var records = new List<IReadOnlyDictionary<string, object?>>();
        var sources = new List<IReadOnlyDictionary<string, object?>>();
        if (_limit == 0)
        {
            return Result(records, sources);
        }

        var matched = _sortKeys.Length == 0 ? null : new List<(IReadOnlyDictionary<string, object?> Row, object?[] Values, int Index)>();
        foreach (var row in rows)
        {
            var values = new object?[_slots.Length];
            for (var i = 0; i < _slots.Length; i++)
            {
                values[i] = SoqlValueComparer.FromRow(_slots[i], row.TryGetValue(_slots[i].Name, out var value) ? value : null);
            }

            if (_predicate is not null && !_predicate(values))
            {
                continue;
            }

            if (matched is not null)
            {
                matched.Add((row, values, matched.Count));
                continue;
            }

            records.Add(Project(row));
            sources.Add(row);
            if (records.Count == _limit)
            {
                break;
            }
        }

        if (matched is not null)
        {
            matched.Sort((left, right) =>
            {
                var order = CompareBySortKeys(left.Values, right.Values);
                return order != 0 ? order : left.Index.CompareTo(right.Index);
            });
            foreach (var (row, _, _) in matched.Take(_limit ?? int.MaxValue))
            {
                records.Add(Project(row));
                sources.Add(row);
            }
        }

        return Result(records, sources);
    }

    private SoqlResult Result(List<IReadOnlyDictionary<string, object?>> records, List<IReadOnlyDictionary<string, object?>> sources) =>
        new(Schema.Name, _selectNames, records) { Sources = sources };

    private int CompareBySortKeys(object?[] left, object?[] right)
    {
        foreach (var key in _sortKeys)
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

    private OrderedDictionary<string, object?> Project(IReadOnlyDictionary<string, object?> row)
    {
        var record = new OrderedDictionary<string, object?>(_select.Length, StringComparer.Ordinal);
        foreach (var field in _select)
        {
            record.Add(field.Name, row.TryGetValue(field.Name, out var value) ? value : null);
        }

        return record;
    }

    private readonly record struct SortKey(int Slot, bool Descending, bool NullsFirst, SoqlValueComparer Comparer);

    private sealed class Binder(string text, SoqlObjectSchema schema)
    {
        private readonly List<SoqlField> _slots = [];

        public IReadOnlyList<SoqlField> Slots => _slots;

        public SoqlField Resolve(SoqlName name) =>
            schema.FindField(name.Text)
            ?? throw SoqlErrors.InvalidField(text, name.Offset, $"No such column '{SoqlErrors.Truncate(name.Text)}' on entity '{schema.Name}'");

        public int SlotOf(SoqlField field)
        {
            var slot = _slots.IndexOf(field);
            if (slot < 0)
            {
                slot = _slots.Count;
                _slots.Add(field);
            }

            return slot;
        }

        public Func<object?[], bool> Compile(SoqlCondition condition) => condition switch
        {
            SoqlAndCondition and => All([.. and.Operands.Select(Compile)]),
            SoqlOrCondition or => Any([.. or.Operands.Select(Compile)]),
            SoqlNotCondition not => Negate(Compile(not.Operand)),
            SoqlComparison comparison => CompileComparison(comparison),
            SoqlInCondition @in => CompileIn(@in),
            SoqlLikeCondition like => CompileLike(like),
            _ => throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}."),
        };

        private static Func<object?[], bool> All(Func<object?[], bool>[] operands) => values =>
        {
            foreach (var operand in operands)
            {
                if (!operand(values))
                {
                    return false;
                }
            }

            return true;
        };

        private static Func<object?[], bool> Any(Func<object?[], bool>[] operands) => values =>
        {
            foreach (var operand in operands)
            {
                if (operand(values))
                {
                    return true;
                }
            }

            return false;
        };

        private static Func<object?[], bool> Negate(Func<object?[], bool> operand) => values => !operand(values);

        private Func<object?[], bool> CompileComparison(SoqlComparison comparison)
        {
            var field = Resolve(comparison.Field);
            if (field.Type == SoqlFieldType.Boolean && comparison.Operator is not (SoqlOperator.Equal or SoqlOperator.NotEqual))
            {
                throw SoqlErrors.Malformed(text, comparison.Field.Offset, $"operator '{comparison.OperatorText}' is not valid for Boolean field '{field.Name}'", "use = or !=");
            }

            var slot = SlotOf(field);
            var literal = Convert(field, comparison.Value);
            if (literal is null)
            {
                return comparison.Operator switch
                {
                    SoqlOperator.Equal => values => values[slot] is null,
                    SoqlOperator.NotEqual => values => values[slot] is not null,
                    _ => _ => false,
                };
            }

            var comparer = SoqlValueComparer.For(field.Type);
            Func<int, bool> accept = comparison.Operator switch
            {
                SoqlOperator.Equal => order => order == 0,
                SoqlOperator.NotEqual => order => order != 0,
                SoqlOperator.Less => order => order < 0,
                SoqlOperator.LessOrEqual => order => order <= 0,
                SoqlOperator.Greater => order => order > 0,
                _ => order => order >= 0,
            };
            return values => values[slot] is { } value && accept(comparer.Compare(value, literal));
        }

        private Func<object?[], bool> CompileIn(SoqlInCondition condition)
        {
            var field = Resolve(condition.Field);
            if (field.Type == SoqlFieldType.Boolean)
            {
                throw SoqlErrors.Malformed(text, condition.Field.Offset, $"{(condition.Negated ? "NOT IN" : "IN")} is not valid for Boolean field '{field.Name}'", "use = or !=");
            }

            var slot = SlotOf(field);
            var comparer = SoqlValueComparer.For(field.Type);
            var set = new HashSet<object>(comparer);
            var includesNull = false;
            foreach (var literal in condition.Values)
            {
                if (Convert(field, literal) is { } value)
                {
                    set.Add(value);
                }
                else
                {
                    includesNull = true;
                }
            }

            if (condition.Negated)
            {
                return values => values[slot] is { } value && !set.Contains(value);
            }

            return values => values[slot] is { } value ? set.Contains(value) : includesNull;
        }

        private Func<object?[], bool> CompileLike(SoqlLikeCondition like)
        {
            var field = Resolve(like.Field);
            if (field.Type != SoqlFieldType.String)
            {
                throw SoqlErrors.Malformed(text, like.Field.Offset, $"LIKE is not valid for {field.Type} field '{field.Name}'", "LIKE applies to String fields");
            }

            var slot = SlotOf(field);
            var pattern = SoqlLikePattern.FromQuotedLiteral(like.Pattern.Text);
            return values => values[slot] is string value && pattern.IsMatch(value);
        }

        private object? Convert(SoqlField field, SoqlLiteral literal)
        {
            if (literal.Kind == SoqlLiteralKind.Null)
            {
                return field.Type == SoqlFieldType.Boolean ? false : null;
            }

            switch (field.Type, literal.Kind)
            {
                case (SoqlFieldType.Id, SoqlLiteralKind.String):
                    // Salesforce answers INVALID_QUERY_FILTER_OPERATOR here; MALFORMED_QUERY keeps the emulator to three error codes.
                    if (!SalesforceId.TryParse((string)literal.Value!, out var id, out var problem))
                    {
                        throw SoqlErrors.Malformed(text, literal.Offset, $"invalid ID field: {SoqlErrors.Truncate(literal.Text)}", problem);
                    }

                    return id.Id15;
                case (SoqlFieldType.String, SoqlLiteralKind.String):
                case (SoqlFieldType.Number, SoqlLiteralKind.Number):
                case (SoqlFieldType.Boolean, SoqlLiteralKind.Boolean):
                case (SoqlFieldType.DateTime, SoqlLiteralKind.DateTime or SoqlLiteralKind.Date):
                    return literal.Value;
                default:
                    throw SoqlErrors.Malformed(
                        text,
                        literal.Offset,
                        $"invalid value {SoqlErrors.Truncate(literal.Text)} for {field.Type} field '{field.Name}'",
                        $"expected {Expectation(field.Type)}");
            }
        }

        private static string Expectation(SoqlFieldType type) => type switch
        {
            SoqlFieldType.Id => "an id of 15 or 18 characters in quotes",
            SoqlFieldType.String => "a string in quotes",
            SoqlFieldType.Number => "a number without quotes",
            SoqlFieldType.Boolean => "true or false without quotes",
            _ => "a date-time such as 2026-11-21T10:00:00Z without quotes",
        };
    }
}
