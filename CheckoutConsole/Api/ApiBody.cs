using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CheckoutConsole.Api;

/// <summary>Reads request bodies with the API's size limit, and turns malformed JSON into JSON_PARSER_ERROR.</summary>
public static class ApiBody
{
    public const int MaxBytes = 1024 * 1024;
    private const int MaxDepth = 64;

    public static async Task<(byte[] Bytes, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return ([], TooLarge($"{request.ContentLength.Value:N0} bytes"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return ([], TooLarge($"more than {MaxBytes:N0} bytes"));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>The body as JSON; an empty body is an empty object when <paramref name="emptyIsObject"/>.</summary>
    public static async Task<(JsonElement Root, IResult? Error)> ReadJsonAsync(HttpRequest request, bool emptyIsObject, CancellationToken ct)
    {
        var (bytes, error) = await ReadAsync(request, ct);
        if (error is not null)
        {
            return (default, error);
        }

        return ParseJson(bytes, emptyIsObject);
    }

    public static (JsonElement Root, IResult? Error) ParseJson(byte[] bytes, bool emptyIsObject)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        if (!Utf8.IsValid(span))
        {
            return (default, SalesforceErrors.JsonParser("The request body isn't valid UTF-8 text; expected a JSON document."));
        }

        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return emptyIsObject
                ? (JsonDocument.Parse("{}").RootElement.Clone(), null)
                : (default, SalesforceErrors.JsonParser("The request body is empty; expected a JSON object."));
        }

        try
        {
            using var document = JsonDocument.Parse(span.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (span.IndexOf("\\u"u8) >= 0 && FindLoneSurrogate(document.RootElement, "the document") is { } where)
            {
                return (default, SalesforceErrors.JsonParser(
                    $"Malformed JSON: {where} holds a lone UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair); expected well-formed Unicode text."));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : "";
            return (default, SalesforceErrors.JsonParser($"Malformed JSON{where}: {FirstSentence(ex.Message)}"));
        }
    }

    /// <summary>
    /// JSON's grammar lets an escape name half of a surrogate pair; such a string can't become .NET
    /// text, so it is malformed input here. Returns where the first one is, or null.
    /// </summary>
    private static string? FindLoneSurrogate(JsonElement element, string where)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (FindLoneSurrogate(item, $"element {index++} of {where}") is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        string name;
                        try
                        {
                            name = property.Name;
                        }
                        catch (InvalidOperationException)
                        {
                            return $"a field name of {where}";
                        }

                        if (FindLoneSurrogate(property.Value, $"the field \"{(name.Length > 40 ? name[..40] + "…" : name)}\"") is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return where == "the document" ? "the document's text" : $"the text of {where}";
        }
    }

    /// <summary>The body as an HTML form (application/x-www-form-urlencoded), as OAuth endpoints take it.</summary>
    public static async Task<(IReadOnlyDictionary<string, string> Form, IResult? Error)> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        var (bytes, error) = await ReadAsync(request, ct);
        if (error is not null)
        {
            return (new Dictionary<string, string>(), error);
        }

        var text = Encoding.UTF8.GetString(bytes);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text);
        return (form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal), null);
    }

    /// <summary>"expected an object" style messages for a JSON value of the wrong kind.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static IResult TooLarge(string found) =>
        SalesforceErrors.Error(StatusCodes.Status413PayloadTooLarge, SalesforceErrors.RequestTooLarge,
            $"The request body is too large: the limit is {MaxBytes:N0} bytes (1 MB), found {found}.");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end < 0 ? message : message[..(end + 1)];
        return sentence.Length > 200 ? sentence[..200] + "…" : sentence;
    }
}
