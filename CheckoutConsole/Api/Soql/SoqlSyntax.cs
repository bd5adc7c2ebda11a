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
