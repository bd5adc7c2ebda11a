using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CheckoutConsole.Api.Soql;

internal enum SoqlTokenKind
{
    End,
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Comma,
    LeftParen,
    RightParen,
    Operator,
}

internal readonly record struct SoqlToken(SoqlTokenKind Kind, int Offset, string Text, object? Value)
{
    public bool IsKeyword(string keyword) =>
        Kind == SoqlTokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}

internal sealed partial class SoqlLexer
{
    private readonly string _text;
    private int _position;

    public SoqlLexer(string text)
    {
        _text = text;
    }

    public SoqlToken Next()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        if (_position >= _text.Length)
        {
            return new SoqlToken(SoqlTokenKind.End, _text.Length, string.Empty, null);
        }

        var start = _position;
        var c = _text[start];
        return c switch
        {
            ',' => Single(SoqlTokenKind.Comma),
            '(' => Single(SoqlTokenKind.LeftParen),
            ')' => Single(SoqlTokenKind.RightParen),
            '=' => Single(SoqlTokenKind.Operator),
            '!' when Peek(1) == '=' => Double(),
            '<' when Peek(1) is '=' or '>' => Double(),
            '>' when Peek(1) == '=' => Double(),
            '<' or '>' => Single(SoqlTokenKind.Operator),
            '\'' => ReadString(),
            '-' when IsDigit(Peek(1)) => ReadNumberOrDate(),
            _ when IsDigit(c) => ReadNumberOrDate(),
            _ when IsIdentifierStart(c) => ReadIdentifier(),
            _ => throw SoqlErrors.Malformed(_text, start, $"unexpected token: '{SoqlErrors.Describe(c)}'"),
        };
    }

    private char Peek(int ahead) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private SoqlToken Single(SoqlTokenKind kind)
    {
        var token = new SoqlToken(kind, _position, _text.Substring(_position, 1), null);
        _position++;
        return token;
    }

    private SoqlToken Double()
    {
        var token = new SoqlToken(SoqlTokenKind.Operator, _position, _text.Substring(_position, 2), null);
        _position += 2;
        return token;
    }

    private SoqlToken ReadIdentifier()
    {
        var start = _position;
        while (_position < _text.Length && (IsIdentifierStart(_text[_position]) || IsDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        // LAST_N_DAYS:7 and the other date literals that take a number are one token.
        if (Peek(0) == ':' && IsDigit(Peek(1)))
        {
            _position++;
            while (_position < _text.Length && IsDigit(_text[_position]))
            {
                _position++;
            }
        }

        return new SoqlToken(SoqlTokenKind.Identifier, start, _text[start.._position], null);
    }

    private SoqlToken ReadString()
    {
        var start = _position;
        var builder = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw SoqlErrors.Malformed(_text, start, "unterminated string literal starting");
            }

            var c = _text[_position];
            if (c == '\'')
            {
                _position++;
                return new SoqlToken(SoqlTokenKind.String, start, _text[start.._position], builder.ToString());
            }

            if (c == '\\')
            {
                var escaped = Peek(1);
                char? value = escaped switch
                {
                    'n' or 'N' => '\n',
                    'r' or 'R' => '\r',
                    't' or 'T' => '\t',
                    'b' or 'B' => '\b',
                    'f' or 'F' => '\f',
                    '\'' or '"' or '\\' or '_' or '%' => escaped,
                    _ => null,
                };
                if (value is null)
                {
                    var shown = _position + 1 < _text.Length ? "\\" + SoqlErrors.Describe(escaped) : "\\";
                    throw SoqlErrors.Malformed(_text, _position, $"invalid escape sequence '{shown}' in string literal");
                }

                builder.Append(value.Value);
                _position += 2;
                continue;
            }

            builder.Append(c);
            _position++;
        }
    }

    private SoqlToken ReadNumberOrDate()
    {
        var start = _position;
        if (_text[_position] == '-')
        {
            _position++;
        }

        var digitsStart = _position;
        while (_position < _text.Length && IsDigit(_text[_position]))
        {
            _position++;
        }

        if (_text[start] != '-' && _position - digitsStart == 4 && Peek(0) == '-' && IsDigit(Peek(1)))
        {
            return ReadDateOrDateTime(start);
        }

        if (Peek(0) == '.' && IsDigit(Peek(1)))
        {
            _position++;
            while (_position < _text.Length && IsDigit(_text[_position]))
            {
                _position++;
            }
        }

        var text = _text[start.._position];
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw SoqlErrors.Malformed(_text, start, $"number '{SoqlErrors.Truncate(text)}' is out of range");
        }

        return new SoqlToken(SoqlTokenKind.Number, start, text, number);
    }

    private SoqlToken ReadDateOrDateTime(int start)
    {
        _position = start;
        while (_position < _text.Length && _text[_position] is (>= '0' and <= '9') or '-' or '+' or ':' or '.' or 'T' or 't' or 'Z' or 'z')
        {
            _position++;
        }

        var text = _text[start.._position];
        var match = DateTimePattern().Match(text);
        if (!match.Success)
        {
            throw SoqlErrors.Malformed(_text, start, $"invalid date or date-time literal '{SoqlErrors.Truncate(text)}'", "use 2026-11-21 or 2026-11-21T10:00:00Z");
        }

        if (match.Groups["hour"].Success && !match.Groups["zone"].Success)
        {
            throw SoqlErrors.Malformed(_text, start, $"date-time literal '{text}' has no time zone", "add Z, +hh:mm or +hhmm");
        }

        if (!TryBuild(match, out var value))
        {
            throw SoqlErrors.Malformed(_text, start, $"date or date-time literal '{text}' is not a valid point in time");
        }

        return new SoqlToken(match.Groups["hour"].Success ? SoqlTokenKind.DateTime : SoqlTokenKind.Date, start, text, value);
    }

    private static bool TryBuild(Match match, out DateTimeOffset value)
    {
        value = default;
        var year = Int(match, "year");
        var month = Int(match, "month");
        var day = Int(match, "day");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (!match.Groups["hour"].Success)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        var hour = Int(match, "hour");
        var minute = Int(match, "minute");
        var second = Int(match, "second");
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        var zone = match.Groups["zone"].Value;
        if (zone is not ("Z" or "z"))
        {
            var zoneHours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var zoneMinutes = int.Parse(zone.AsSpan(zone.Length - 2, 2), CultureInfo.InvariantCulture);
            if (zoneHours > 14 || zoneMinutes > 59 || (zoneHours == 14 && zoneMinutes > 0))
            {
                return false;
            }

            offset = new TimeSpan(zoneHours, zoneMinutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }

        var ticks = 0L;
        var fraction = match.Groups["fraction"];
        if (fraction.Success)
        {
            ticks = long.Parse(fraction.Value.PadRight(7, '0'), CultureInfo.InvariantCulture);
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static int Int(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?:[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]{1,7}))?(?<zone>[Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
