using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.Soql;

internal sealed class SoqlValueComparer : IComparer<object>, IEqualityComparer<object>
{
    private static readonly SoqlValueComparer[] ByType =
        [.. Enum.GetValues<SoqlFieldType>().Select(type => new SoqlValueComparer(type))];

    private readonly SoqlFieldType _type;

    private SoqlValueComparer(SoqlFieldType type)
    {
        _type = type;
    }

    public static SoqlValueComparer For(SoqlFieldType type) => ByType[(int)type];

    public int Compare(object? x, object? y) => _type switch
    {
        SoqlFieldType.Id => string.CompareOrdinal((string)x!, (string)y!),
        SoqlFieldType.String => string.Compare((string)x!, (string)y!, StringComparison.OrdinalIgnoreCase),
        SoqlFieldType.Number => ((decimal)x!).CompareTo((decimal)y!),
        SoqlFieldType.Boolean => ((bool)x!).CompareTo((bool)y!),
        _ => ((DateTimeOffset)x!).CompareTo((DateTimeOffset)y!),
    };

    public new bool Equals(object? x, object? y) =>
        x is null || y is null ? x is null && y is null : Compare(x, y) == 0;

    public int GetHashCode(object obj) => _type switch
    {
        SoqlFieldType.String => StringComparer.OrdinalIgnoreCase.GetHashCode((string)obj),
        SoqlFieldType.DateTime => ((DateTimeOffset)obj).UtcTicks.GetHashCode(),
        _ => obj.GetHashCode(),
    };

    // Row values arrive as the store holds them; comparisons run on one representation per type:
    // Id → its case-sensitive 15-character form, Number → decimal, DateTime → DateTimeOffset, Boolean null → false.
    public static object? FromRow(SoqlField field, object? value)
    {
        if (value is null)
        {
            return field.Type == SoqlFieldType.Boolean ? false : null;
        }

        object? converted = field.Type switch
        {
            SoqlFieldType.Id => value is string id ? (id.Length == SalesforceId.LongLength ? id[..SalesforceId.ShortLength] : id) : null,
            SoqlFieldType.String => value as string,
            SoqlFieldType.Number => ToDecimal(value),
            SoqlFieldType.Boolean => value as bool?,
            _ => value switch
            {
                DateTimeOffset instant => instant,
                DateTime { Kind: DateTimeKind.Local } local => new DateTimeOffset(local),
                DateTime other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc)),
                _ => null,
            },
        };

        return converted ?? throw new InvalidOperationException(
            $"Field '{field.Name}' of type {field.Type} holds a value of type {value.GetType().Name}, which SOQL cannot compare.");
    }

    private static decimal? ToDecimal(object value) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
        float f when float.IsFinite(f) && Math.Abs(f) < 7.9e28f => (decimal)f,
        _ => null,
    };
}

internal sealed class SoqlLikePattern
{
    private readonly char[] _chars;
    private readonly Element[] _elements;

    private SoqlLikePattern(char[] chars, Element[] elements)
    {
        _chars = chars;
        _elements = elements;
    }

    private enum Element : byte
    {
        Literal,
        AnyOne,
        AnyRun,
    }

    public static SoqlLikePattern FromQuotedLiteral(string quoted)
    {
        var chars = new List<char>(quoted.Length);
        var elements = new List<Element>(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c == '\\')
            {
                i++;
                chars.Add(char.ToUpperInvariant(quoted[i] switch
                {
                    'n' or 'N' => '\n',
                    'r' or 'R' => '\r',
                    't' or 'T' => '\t',
                    'b' or 'B' => '\b',
                    'f' or 'F' => '\f',
                    var other => other,
                }));
                elements.Add(Element.Literal);
                continue;
            }

            chars.Add(char.ToUpperInvariant(c));
            elements.Add(c switch
            {
                '%' => Element.AnyRun,
                '_' => Element.AnyOne,
                _ => Element.Literal,
            });
        }

        return new SoqlLikePattern([.. chars], [.. elements]);
    }

    public bool IsMatch(string input)
    {
        var s = 0;
        var p = 0;
        var starP = -1;
        var starS = 0;
        while (s < input.Length)
        {
            if (p < _elements.Length && (_elements[p] == Element.AnyOne
                || (_elements[p] == Element.Literal && _chars[p] == char.ToUpperInvariant(input[s]))))
            {
                s++;
                p++;
            }
            else if (p < _elements.Length && _elements[p] == Element.AnyRun)
            {
                starP = p++;
                starS = s;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                s = ++starS;
            }
            else
            {
                return false;
            }
        }

        while (p < _elements.Length && _elements[p] == Element.AnyRun)
        {
            p++;
        }

        return p == _elements.Length;
    }
}
