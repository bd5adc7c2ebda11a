using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.Soql;

/// <summary>
/// Binds names of one query level to fields (through parent relationships), turns conditions into
/// predicates over the level's value slots, and resolves child relationships for subqueries.
/// </summary>
internal sealed class SoqlBinder(string text, SoqlObjectSchema schema, Func<string, SoqlObjectSchema?> lookup, DateTimeOffset now, List<SoqlObjectSchema> objects)
{
    private const int MaxPathDepth = 5;

    private readonly List<SoqlColumn> _slots = [];

    public SoqlObjectSchema Schema => schema;

    public IReadOnlyList<SoqlColumn> Slots => _slots;

    public string Text => text;

    public SoqlColumn Resolve(SoqlName name)
    {
        var segments = name.Text.Split('.');
        if (segments.Length > MaxPathDepth + 1 || segments.Any(s => s.Length == 0))
        {
            throw SoqlErrors.InvalidField(text, name.Offset, $"Didn't understand the field path '{SoqlErrors.Truncate(name.Text)}'");
        }

        var hops = new List<SoqlHop>();
        var current = schema;
        foreach (var segment in segments[..^1])
        {
            var via = current.FindRelationship(segment)
                ?? throw SoqlErrors.InvalidField(text, name.Offset,
                    $"Didn't understand relationship '{SoqlErrors.Truncate(segment)}' in field path '{SoqlErrors.Truncate(name.Text)}' on entity '{current.Name}'");
            var target = lookup(via.ReferenceTo!)
                ?? throw SoqlErrors.InvalidField(text, name.Offset, $"Relationship '{SoqlErrors.Truncate(segment)}' leads to an object that can't be queried");
            var canonical = string.Equals(via.RelationshipName, segment, StringComparison.OrdinalIgnoreCase) ? via.RelationshipName! : target.Name;
            hops.Add(new SoqlHop(canonical, via, target));
            Remember(target);
            current = target;
        }

        var field = current.FindField(segments[^1])
            ?? throw SoqlErrors.InvalidField(text, name.Offset, $"No such column '{SoqlErrors.Truncate(segments[^1])}' on entity '{current.Name}'");
        return new SoqlColumn(field, current, hops);
    }

    public SoqlSubquery Subquery(SoqlSubqueryItem item)
    {
        var relationship = item.Query.From;
        var (child, lookupField) = ChildRelationship(relationship.Text)
            ?? throw SoqlErrors.InvalidType(text, relationship.Offset,
                $"Didn't understand relationship '{SoqlErrors.Truncate(relationship.Text)}' in FROM part of query call; {schema.Name} has no such child relationship");
        Remember(child);
        var binder = new SoqlBinder(text, child, lookup, now, objects);
        return new SoqlSubquery(ChildRelationshipName(child), SoqlSelection.Compile(item.Query, binder, lookupField));
    }

    public SoqlSortKey[] SortKeys(IReadOnlyList<SoqlOrdering> orderBy) =>
        [.. orderBy.Select(ordering =>
        {
            var column = Resolve(ordering.Field);
            return new SoqlSortKey(SlotOf(column), ordering.Descending, ordering.NullsFirst, SoqlValueComparer.For(column.Field.Type));
        })];

    public int SlotOf(SoqlColumn column)
    {
        var slot = _slots.FindIndex(c => string.Equals(c.Path, column.Path, StringComparison.OrdinalIgnoreCase));
        if (slot < 0)
        {
            slot = _slots.Count;
            _slots.Add(column);
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

    /// <summary>The plural of a child object's name is its relationship: CartItem → CartItems, OrderSummary → OrderSummaries.</summary>
    private static string ChildRelationshipName(SoqlObjectSchema child) =>
        child.Name.EndsWith('y') ? child.Name[..^1] + "ies" : child.Name + "s";

    private (SoqlObjectSchema Child, SoqlField Lookup)? ChildRelationship(string name)
    {
        string[] candidates = name.EndsWith("ies", StringComparison.OrdinalIgnoreCase)
            ? [name[..^3] + "y"]
            : name.EndsWith('s') || name.EndsWith('S') ? [name[..^1]] : [];
        foreach (var candidate in candidates)
        {
            if (lookup(candidate) is { } child
                && child.Fields.FirstOrDefault(f => string.Equals(f.ReferenceTo, schema.Name, StringComparison.OrdinalIgnoreCase)) is { } field)
            {
                return (child, field);
            }
        }

        return null;
    }

    private void Remember(SoqlObjectSchema reached)
    {
        if (!objects.Contains(reached))
        {
            objects.Add(reached);
        }
    }

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
        var column = Resolve(comparison.Field);
        var field = column.Field;
        if (field.Type == SoqlFieldType.Boolean && comparison.Operator is not (SoqlOperator.Equal or SoqlOperator.NotEqual))
        {
            throw SoqlErrors.Malformed(text, comparison.Field.Offset, $"operator '{comparison.OperatorText}' is not valid for Boolean field '{field.Name}'", "use = or !=");
        }

        var slot = SlotOf(column);
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

        if (literal is SoqlDateRange range)
        {
            // A date literal is a span of time: = means inside it, < before its start, > after its end.
            return comparison.Operator switch
            {
                SoqlOperator.Equal => values => values[slot] is DateTimeOffset v && v >= range.Start && v < range.End,
                SoqlOperator.NotEqual => values => values[slot] is DateTimeOffset v && (v < range.Start || v >= range.End),
                SoqlOperator.Less => values => values[slot] is DateTimeOffset v && v < range.Start,
                SoqlOperator.LessOrEqual => values => values[slot] is DateTimeOffset v && v < range.End,
                SoqlOperator.Greater => values => values[slot] is DateTimeOffset v && v >= range.End,
                _ => values => values[slot] is DateTimeOffset v && v >= range.Start,
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
        var column = Resolve(condition.Field);
        var field = column.Field;
        if (field.Type == SoqlFieldType.Boolean)
        {
            throw SoqlErrors.Malformed(text, condition.Field.Offset, $"{(condition.Negated ? "NOT IN" : "IN")} is not valid for Boolean field '{field.Name}'", "use = or !=");
        }

        var slot = SlotOf(column);
        var comparer = SoqlValueComparer.For(field.Type);
        var set = new HashSet<object>(comparer);
        var includesNull = false;
        foreach (var literal in condition.Values)
        {
            var value = Convert(field, literal);
            if (value is SoqlDateRange)
            {
                throw SoqlErrors.Malformed(text, literal.Offset, $"date literal {literal.Text} can't be used in {(condition.Negated ? "NOT IN" : "IN")}", "compare with =, <, >, <= or >=");
            }

            if (value is not null)
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
        var column = Resolve(like.Field);
        if (column.Field.Type != SoqlFieldType.String)
        {
            throw SoqlErrors.Malformed(text, like.Field.Offset, $"LIKE is not valid for {column.Field.Type} field '{column.Field.Name}'", "LIKE applies to String fields");
        }

        var slot = SlotOf(column);
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
            case (SoqlFieldType.DateTime, SoqlLiteralKind.DateLiteral):
                return SoqlDateRange.Of((SoqlDateLiteral)literal.Value!, now);
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

/// <summary>The span of time a date literal stands for, in UTC days: [Start, End).</summary>
internal sealed record SoqlDateRange(DateTimeOffset Start, DateTimeOffset End)
{
    public static SoqlDateRange Of(SoqlDateLiteral literal, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var week = today.AddDays(-(int)today.DayOfWeek);
        var month = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return literal.Name switch
        {
            "TODAY" => new(today, today.AddDays(1)),
            "YESTERDAY" => new(today.AddDays(-1), today),
            "TOMORROW" => new(today.AddDays(1), today.AddDays(2)),
            "THIS_WEEK" => new(week, week.AddDays(7)),
            "LAST_WEEK" => new(week.AddDays(-7), week),
            "NEXT_WEEK" => new(week.AddDays(7), week.AddDays(14)),
            "THIS_MONTH" => new(month, month.AddMonths(1)),
            "LAST_MONTH" => new(month.AddMonths(-1), month),
            "NEXT_MONTH" => new(month.AddMonths(1), month.AddMonths(2)),
            // LAST_N_DAYS:n runs from midnight n days ago through today; NEXT_N_DAYS:n starts tomorrow.
            "LAST_N_DAYS" => new(today.AddDays(-literal.N), today.AddDays(1)),
            _ => new(today.AddDays(1), today.AddDays(1 + literal.N)),
        };
    }
}
