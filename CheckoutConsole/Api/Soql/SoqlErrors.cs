using System.Globalization;

namespace CheckoutConsole.Api.Soql;

internal static class SoqlErrors
{
    private const int EchoLimit = 40;

    public static SoqlException Malformed(string text, int offset, string message, string? detail = null) =>
        new(SoqlException.MalformedQuery, $"{message} at {Locate(text, offset)}{(detail is null ? string.Empty : "; " + detail)}", offset + 1);

    public static SoqlException Malformed(string message) => new(SoqlException.MalformedQuery, message);

    public static SoqlException InvalidField(string text, int offset, string message) =>
        new(SoqlException.InvalidField, $"{message} at {Locate(text, offset)}", offset + 1);

    public static SoqlException InvalidType(string text, int offset, string message) =>
        new(SoqlException.InvalidType, $"{message} at {Locate(text, offset)}", offset + 1);

    public static string Locate(string text, int offset)
    {
        var lineStart = offset > 0 && offset <= text.Length ? text.LastIndexOf('\n', offset - 1) : -1;
        if (lineStart < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"column {offset + 1}");
        }

        var row = 1 + text.AsSpan(0, lineStart + 1).Count('\n');
        return string.Create(CultureInfo.InvariantCulture, $"row {row}, column {offset - lineStart}");
    }

    public static string Truncate(string value)
    {
        var shown = value.Length > EchoLimit ? value[..EchoLimit] + "…" : value;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) || char.IsSurrogate(source[i]) ? '?' : source[i];
            }
        });
    }

    public static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : c.ToString();
}
