namespace CheckoutConsole.Api.Soql;

internal enum SoqlOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal enum SoqlLiteralKind
{
    Null,
    String,
    Number,
    Boolean,
    Date,
    DateTime,
    DateLiteral,
}

internal sealed record SoqlName(string Text, int Offset);

internal sealed record SoqlLiteral(SoqlLiteralKind Kind, object? Value, string Text, int Offset);

internal sealed record SoqlOrdering(SoqlName Field, bool Descending, bool NullsFirst);

internal abstract record SoqlCondition;

internal sealed record SoqlAndCondition(IReadOnlyList<SoqlCondition> Operands) : SoqlCondition;

internal sealed record SoqlOrCondition(IReadOnlyList<SoqlCondition> Operands) : SoqlCondition;

internal sealed record SoqlNotCondition(SoqlCondition Operand) : SoqlCondition;

internal sealed record SoqlComparison(SoqlName Field, SoqlOperator Operator, string OperatorText, SoqlLiteral Value) : SoqlCondition;

internal sealed record SoqlInCondition(SoqlName Field, bool Negated, IReadOnlyList<SoqlLiteral> Values) : SoqlCondition;

internal sealed record SoqlLikeCondition(SoqlName Field, SoqlLiteral Pattern) : SoqlCondition;

/// <summary>TODAY, LAST_N_DAYS:7 and the like: a span of days relative to the clock, N where the literal takes one.</summary>
internal sealed record SoqlDateLiteral(string Name, int N);

internal abstract record SoqlSelectItem(int Offset);

internal sealed record SoqlFieldItem(SoqlName Name) : SoqlSelectItem(Name.Offset);

/// <summary>COUNT(), COUNT(Id), SUM(Quantity) …, with an optional alias; <see cref="Field"/> is null only for COUNT().</summary>
internal sealed record SoqlAggregateItem(string Function, SoqlName? Field, string? Alias, string Text, int Offset) : SoqlSelectItem(Offset);

internal sealed record SoqlSubqueryItem(SoqlQuery Query, int Offset) : SoqlSelectItem(Offset);
