namespace CheckoutConsole.Api.Soql;

public static class SoqlParser
{
    public const int MaxQueryLength = 100_000;
    public const int MaxLimit = 50_000;
    public const int MaxNesting = 100;
    public const int MaxOffset = 2_000;

    private static readonly HashSet<string> AggregateFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX",
    };

    private static readonly HashSet<string> DateLiterals = new(StringComparer.OrdinalIgnoreCase)
    {
        "TODAY", "YESTERDAY", "TOMORROW", "THIS_WEEK", "LAST_WEEK", "NEXT_WEEK", "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH", "LAST_N_DAYS", "NEXT_N_DAYS",
    };

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "LIMIT", "NULL", "TRUE", "FALSE", "GROUP", "OFFSET",
    };

    public static SoqlQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw SoqlErrors.Malformed("the query is empty");
        }

        if (text.Length > MaxQueryLength)
        {
            throw SoqlErrors.Malformed($"the query is {text.Length} characters long; the maximum is {MaxQueryLength}");
        }

        return new Parser(text).ParseQuery();
    }

    private sealed class Parser
    {
        private readonly string _text;
        private readonly SoqlLexer _lexer;
        private SoqlToken _current;

        public Parser(string text)
        {
            _text = text;
            _lexer = new SoqlLexer(text);
            _current = _lexer.Next();
        }

        public SoqlQuery ParseQuery()
        {
            var query = ParseSelect(nested: false);
            if (_current.Kind != SoqlTokenKind.End)
            {
                throw Unexpected("end of query");
            }

            return query;
        }

        private SoqlQuery ParseSelect(bool nested)
        {
            ExpectKeyword("SELECT");
            var items = new List<SoqlSelectItem> { ParseSelectItem(nested) };
            while (_current.Kind == SoqlTokenKind.Comma)
            {
                Advance();
                items.Add(ParseSelectItem(nested));
            }

            ExpectKeyword("FROM");
            var from = ParseName("an object name", allowOrder: true);

            SoqlCondition? where = null;
            if (_current.IsKeyword("WHERE"))
            {
                Advance();
                where = ParseOr(depth: 0);
            }

            var groupBy = new List<SoqlName>();
            if (_current.IsKeyword("GROUP") && !nested)
            {
                Advance();
                ExpectKeyword("BY");
                groupBy.Add(ParseName("a field name"));
                while (_current.Kind == SoqlTokenKind.Comma)
                {
                    Advance();
                    groupBy.Add(ParseName("a field name"));
                }
            }

            var orderBy = new List<SoqlOrdering>();
            if (_current.IsKeyword("ORDER"))
            {
                Advance();
                ExpectKeyword("BY");
                orderBy.Add(ParseOrdering());
                while (_current.Kind == SoqlTokenKind.Comma)
                {
                    Advance();
                    orderBy.Add(ParseOrdering());
                }
            }

            int? limit = null;
            if (_current.IsKeyword("LIMIT"))
            {
                Advance();
                limit = ParseWholeNumber("LIMIT", MaxLimit);
            }

            int? offset = null;
            if (_current.IsKeyword("OFFSET") && !nested)
            {
                Advance();
                offset = ParseWholeNumber("OFFSET", MaxOffset);
            }

            return new SoqlQuery(_text, items, from, where, groupBy, orderBy, limit, offset);
        }

        private SoqlSelectItem ParseSelectItem(bool nested)
        {
            if (_current.Kind == SoqlTokenKind.LeftParen && !nested)
            {
                var offset = _current.Offset;
                Advance();
                var inner = ParseSelect(nested: true);
                Expect(SoqlTokenKind.RightParen, "')' to close the subquery");
                return new SoqlSubqueryItem(inner, offset);
            }

            var name = ParseName("a field name");
            if (_current.Kind != SoqlTokenKind.LeftParen)
            {
                return new SoqlFieldItem(name);
            }

            if (!AggregateFunctions.Contains(name.Text) || nested)
            {
                throw SoqlErrors.Malformed(_text, name.Offset, $"unknown function '{SoqlErrors.Truncate(name.Text)}'",
                    "the aggregate functions are COUNT, COUNT_DISTINCT, SUM, AVG, MIN and MAX");
            }

            Advance();
            SoqlName? field = null;
            if (_current.Kind != SoqlTokenKind.RightParen)
            {
                field = ParseName("a field name or ')'");
            }
            else if (!name.Text.Equals("COUNT", StringComparison.OrdinalIgnoreCase))
            {
                throw Unexpected($"a field name: {name.Text.ToUpperInvariant()} needs one");
            }

            var end = _current.Offset + 1;
            Expect(SoqlTokenKind.RightParen, "')'");
            string? alias = null;
            if (_current.Kind == SoqlTokenKind.Identifier && !ReservedWords.Contains(_current.Text))
            {
                alias = _current.Text;
                Advance();
            }

            return new SoqlAggregateItem(name.Text.ToUpperInvariant(), field, alias, _text[name.Offset..end], name.Offset);
        }

        private SoqlOrdering ParseOrdering()
        {
            var field = ParseName("a field name");
            var descending = false;
            if (_current.IsKeyword("ASC"))
            {
                Advance();
            }
            else if (_current.IsKeyword("DESC"))
            {
                descending = true;
                Advance();
            }

            var nullsFirst = !descending;
            if (_current.IsKeyword("NULLS"))
            {
                Advance();
                if (_current.IsKeyword("FIRST"))
                {
                    nullsFirst = true;
                }
                else if (_current.IsKeyword("LAST"))
                {
                    nullsFirst = false;
                }
                else
                {
                    throw Unexpected("FIRST or LAST");
                }

                Advance();
            }

            return new SoqlOrdering(field, descending, nullsFirst);
        }

        private int ParseWholeNumber(string clause, int max)
        {
            if (_current.Kind != SoqlTokenKind.Number)
            {
                throw Unexpected($"a whole number from 0 to {max}");
            }

            var value = (decimal)_current.Value!;
            if (!decimal.IsInteger(value) || value < 0 || value > max || _current.Text.Contains('.'))
            {
                throw SoqlErrors.Malformed(_text, _current.Offset, $"invalid {clause} '{SoqlErrors.Truncate(_current.Text)}'", $"expected a whole number from 0 to {max}");
            }

            Advance();
            return (int)value;
        }

        private SoqlCondition ParseOr(int depth)
        {
            var first = ParseAnd(depth);
            if (!_current.IsKeyword("OR"))
            {
                return first;
            }

            var operands = new List<SoqlCondition> { first };
            while (_current.IsKeyword("OR"))
            {
                Advance();
                operands.Add(ParseAnd(depth));
            }

            return new SoqlOrCondition(operands);
        }

        private SoqlCondition ParseAnd(int depth)
        {
            var first = ParseUnary(depth);
            if (!_current.IsKeyword("AND"))
            {
                return first;
            }

            var operands = new List<SoqlCondition> { first };
            while (_current.IsKeyword("AND"))
            {
                Advance();
                operands.Add(ParseUnary(depth));
            }

            return new SoqlAndCondition(operands);
        }

        private SoqlCondition ParseUnary(int depth)
        {
            if (depth > MaxNesting)
            {
                throw SoqlErrors.Malformed(_text, _current.Offset, $"conditions are nested more than {MaxNesting} levels deep");
            }

            if (_current.IsKeyword("NOT"))
            {
                Advance();
                return new SoqlNotCondition(ParseUnary(depth + 1));
            }

            if (_current.Kind == SoqlTokenKind.LeftParen)
            {
                Advance();
                var inner = ParseOr(depth + 1);
                Expect(SoqlTokenKind.RightParen, "')'");
                return inner;
            }

            return ParseCondition();
        }

        private SoqlCondition ParseCondition()
        {
            var field = ParseName("a field name, NOT or '('");
            if (_current.IsKeyword("NOT"))
            {
                Advance();
                if (!_current.IsKeyword("IN"))
                {
                    throw Unexpected("IN");
                }

                Advance();
                return new SoqlInCondition(field, Negated: true, ParseLiteralList());
            }

            if (_current.IsKeyword("IN"))
            {
                Advance();
                return new SoqlInCondition(field, Negated: false, ParseLiteralList());
            }

            if (_current.IsKeyword("LIKE"))
            {
                Advance();
                if (_current.Kind != SoqlTokenKind.String)
                {
                    throw Unexpected("a quoted LIKE pattern");
                }

                return new SoqlLikeCondition(field, ParseLiteral());
            }

            if (_current.Kind != SoqlTokenKind.Operator)
            {
                throw Unexpected("a comparison operator, IN, NOT IN or LIKE");
            }

            var operatorText = _current.Text;
            var op = operatorText switch
            {
                "=" => SoqlOperator.Equal,
                "!=" or "<>" => SoqlOperator.NotEqual,
                "<" => SoqlOperator.Less,
                "<=" => SoqlOperator.LessOrEqual,
                ">" => SoqlOperator.Greater,
                _ => SoqlOperator.GreaterOrEqual,
            };
            Advance();
            return new SoqlComparison(field, op, operatorText, ParseLiteral());
        }

        private List<SoqlLiteral> ParseLiteralList()
        {
            Expect(SoqlTokenKind.LeftParen, "'('");
            var values = new List<SoqlLiteral> { ParseLiteral() };
            while (_current.Kind == SoqlTokenKind.Comma)
            {
                Advance();
                values.Add(ParseLiteral());
            }

            Expect(SoqlTokenKind.RightParen, "',' or ')'");
            return values;
        }

        private SoqlLiteral ParseLiteral()
        {
            var token = _current;
            var literal = token.Kind switch
            {
                SoqlTokenKind.String => new SoqlLiteral(SoqlLiteralKind.String, token.Value, token.Text, token.Offset),
                SoqlTokenKind.Number => new SoqlLiteral(SoqlLiteralKind.Number, token.Value, token.Text, token.Offset),
                SoqlTokenKind.Date => new SoqlLiteral(SoqlLiteralKind.Date, token.Value, token.Text, token.Offset),
                SoqlTokenKind.DateTime => new SoqlLiteral(SoqlLiteralKind.DateTime, token.Value, token.Text, token.Offset),
                _ when token.IsKeyword("NULL") => new SoqlLiteral(SoqlLiteralKind.Null, null, token.Text, token.Offset),
                _ when token.IsKeyword("TRUE") => new SoqlLiteral(SoqlLiteralKind.Boolean, true, token.Text, token.Offset),
                _ when token.IsKeyword("FALSE") => new SoqlLiteral(SoqlLiteralKind.Boolean, false, token.Text, token.Offset),
                SoqlTokenKind.Identifier when DateLiteral(token) is { } date => new SoqlLiteral(SoqlLiteralKind.DateLiteral, date, token.Text, token.Offset),
                _ => throw Unexpected("a value (a quoted string, number, true, false, null or date-time)"),
            };
            Advance();
            return literal;
        }

        private SoqlDateLiteral? DateLiteral(SoqlToken token)
        {
            var parts = token.Text.Split(':');
            if (!DateLiterals.Contains(parts[0]))
            {
                return null;
            }

            var takesN = parts[0].Contains("_N_", StringComparison.Ordinal);
            if (!takesN && parts.Length == 1)
            {
                return new SoqlDateLiteral(parts[0].ToUpperInvariant(), 0);
            }

            if (takesN && parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 10_000)
            {
                return new SoqlDateLiteral(parts[0].ToUpperInvariant(), n);
            }

            throw SoqlErrors.Malformed(_text, token.Offset, $"invalid date literal '{SoqlErrors.Truncate(token.Text)}'",
                takesN ? $"expected {parts[0].ToUpperInvariant()}:n with n a whole number up to 10000" : $"{parts[0].ToUpperInvariant()} takes no number");
        }

        private SoqlName ParseName(string expected, bool allowOrder = false)
        {
            var reserved = ReservedWords.Contains(_current.Text) && !(allowOrder && _current.IsKeyword("ORDER"));
            if (_current.Kind != SoqlTokenKind.Identifier || reserved)
            {
                throw Unexpected(expected);
            }

            var name = new SoqlName(_current.Text, _current.Offset);
            Advance();
            return name;
        }

        private void ExpectKeyword(string keyword)
        {
            if (!_current.IsKeyword(keyword))
            {
                throw Unexpected(keyword);
            }

            Advance();
        }

        private void Expect(SoqlTokenKind kind, string expected)
        {
            if (_current.Kind != kind)
            {
                throw Unexpected(expected);
            }

            Advance();
        }

        private void Advance() => _current = _lexer.Next();

        private SoqlException Unexpected(string expected) =>
            _current.Kind == SoqlTokenKind.End
                ? SoqlErrors.Malformed(_text, _current.Offset, "unexpected end of query", $"expected {expected}")
                : SoqlErrors.Malformed(_text, _current.Offset, $"unexpected token: '{SoqlErrors.Truncate(_current.Text)}'", $"expected {expected}");
    }
}
