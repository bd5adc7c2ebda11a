using System.Globalization;
using System.Text;

namespace CheckoutConsole.Domain.Common;

public readonly record struct SalesforceId
{
    public const int ShortLength = 15;
    public const int LongLength = 18;

    private const string ChecksumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private const int EchoLimit = 20;

    private SalesforceId(string value)
    {
        Value = value;
    }

    public string Value { get; }

    public string KeyPrefix => Value is null ? string.Empty : Value[..3];

    public string Id15 => Value is null ? string.Empty : Value[..ShortLength];

    public override string ToString() => Value ?? string.Empty;

    public static SalesforceId Parse(string? input, string expectedPrefix)
    {
        if (!TryParse(input, expectedPrefix, out var id, out var problem))
        {
            throw new FormatException(problem);
        }

        return id;
    }

    public static bool TryParse(string? input, out SalesforceId id, out string problem) =>
        TryParseCore(input, expectedPrefix: null, out id, out problem);

    public static bool TryParse(string? input, string expectedPrefix, out SalesforceId id, out string problem)
    {
        ArgumentNullException.ThrowIfNull(expectedPrefix);
        if (expectedPrefix.Length != 3 || !expectedPrefix.All(IsBase62))
        {
            throw new ArgumentException($"A key prefix is 3 base-62 characters; '{expectedPrefix}' is not.", nameof(expectedPrefix));
        }

        return TryParseCore(input, expectedPrefix, out id, out problem);
    }

    public static bool IsValid(string? input) => TryParseCore(input, expectedPrefix: null, out _, out _);

    public static string Checksum(string id15)
    {
        ArgumentNullException.ThrowIfNull(id15);
        if (id15.Length != ShortLength)
        {
            throw new ArgumentException($"A checksum is computed over 15 characters; found {id15.Length}.", nameof(id15));
        }

        Span<char> checksum = stackalloc char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (id15[chunk * 5 + i] is >= 'A' and <= 'Z')
                {
                    bits |= 1 << i;
                }
            }

            checksum[chunk] = ChecksumAlphabet[bits];
        }

        return new string(checksum);
    }

    public static bool IsBase62(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    internal static SalesforceId FromValidId15(string id15) => new(id15 + Checksum(id15));

    private static bool TryParseCore(string? input, string? expectedPrefix, out SalesforceId id, out string problem)
    {
        var found = Diagnose(input, expectedPrefix, out var canonical);
        if (found is not null)
        {
            id = default;
            problem = found;
            return false;
        }

        id = new SalesforceId(canonical!);
        problem = string.Empty;
        return true;
    }

    private static string? Diagnose(string? input, string? expectedPrefix, out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return "no id was given";
        }

        if (input.Length is not (ShortLength or LongLength))
        {
            return $"expected an id of 15 or 18 characters, found {input.Length} characters ('{Echo(input)}')";
        }

        for (var i = 0; i < input.Length; i++)
        {
            if (!IsBase62(input[i]))
            {
                return $"character {DescribeChar(input[i])} at position {i + 1} is not base-62";
            }
        }

        var id15 = input[..ShortLength];
        if (expectedPrefix is not null && !id15.StartsWith(expectedPrefix, StringComparison.Ordinal))
        {
            return $"expected key prefix {DescribePrefix(expectedPrefix)}, found {id15[..3]}";
        }

        var checksum = Checksum(id15);
        if (input.Length == LongLength)
        {
            var given = input[ShortLength..];
            if (!string.Equals(given, checksum, StringComparison.OrdinalIgnoreCase))
            {
                return $"checksum '{given}' does not match the id; expected '{checksum}'";
            }
        }

        canonical = id15 + checksum;
        return null;
    }

    private static string DescribePrefix(string prefix) =>
        KeyPrefixes.ObjectByPrefix.TryGetValue(prefix, out var name) ? $"{prefix} ({name})" : prefix;

    private static string DescribeChar(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : $"'{c}'";

    private static string Echo(string input)
    {
        var builder = new StringBuilder(EchoLimit + 1);
        foreach (var c in input.Length > EchoLimit ? input.AsSpan(0, EchoLimit) : input.AsSpan())
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        if (input.Length > EchoLimit)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
