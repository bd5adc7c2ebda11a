using System.Globalization;
using System.Text.Json;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>What was wrong with a control request: where in its JSON (e.g. <c>$.carts[2].lines[0].sku</c>) and what.</summary>
public sealed record EmulatorProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

internal sealed class EmulatorJsonException(string path, string message) : Exception(message)
{
    public EmulatorProblem Problem { get; } = new(path, message);
}

/// <summary>
/// A JSON value and its path, with readers that say what was expected and what was found. The
/// control documents (scenario, faults, settings, clock) are read through these, so a bad value
/// fails with its JSON path and changes nothing.
/// </summary>
internal readonly record struct JsonAt(JsonElement Value, string Path)
{
    public static JsonAt Root(JsonElement value) => new(value, "$");

    public JsonAt Property(string name) => new(Value.TryGetProperty(name, out var v) ? v : default, $"{Path}.{name}");

    public bool IsMissing => Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public EmulatorJsonException Fail(string message) => new(Path, message);

    public JsonAt Object(params string[] allowed)
    {
        if (Value.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"expected an object, found {Describe(Value)}");
        }

        foreach (var property in Value.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new EmulatorJsonException($"{Path}.{property.Name}",
                    $"unknown field '{Clip(property.Name)}'; expected one of {string.Join(", ", allowed)}");
            }
        }

        return this;
    }

    public IEnumerable<JsonProperty> Properties()
    {
        if (Value.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"expected an object, found {Describe(Value)}");
        }

        return Value.EnumerateObject();
    }

    public IReadOnlyList<JsonAt> Array(int max, bool optional = true)
    {
        if (IsMissing && optional)
        {
            return [];
        }

        if (Value.ValueKind != JsonValueKind.Array)
        {
            throw Fail($"expected an array, found {Describe(Value)}");
        }

        var length = Value.GetArrayLength();
        if (length > max)
        {
            throw Fail($"expected at most {max:N0} elements, found {length:N0}");
        }

        var path = Path;
        return [.. Value.EnumerateArray().Select((e, i) => new JsonAt(e, $"{path}[{i}]"))];
    }

    public string String(int maxLength = 255)
    {
        if (Value.ValueKind != JsonValueKind.String)
        {
            throw Fail($"expected a string, found {Describe(Value)}");
        }

        var text = Value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Fail("expected a non-empty string, found an empty one");
        }

        if (text.Length > maxLength)
        {
            throw Fail($"expected at most {maxLength} characters, found {text.Length}");
        }

        return text;
    }

    public string? OptionalString(int maxLength = 255) => IsMissing ? null : String(maxLength);

    public int Int(int min, int max)
    {
        if (Value.ValueKind != JsonValueKind.Number || !Value.TryGetInt64(out var number))
        {
            throw Fail($"expected a whole number from {min:N0} to {max:N0}, found {Describe(Value)}");
        }

        if (number < min || number > max)
        {
            throw Fail($"expected a whole number from {min:N0} to {max:N0}, found {number}");
        }

        return (int)number;
    }

    public int? OptionalInt(int min, int max) => IsMissing ? null : Int(min, max);

    public decimal Decimal(decimal min, decimal max)
    {
        if (Value.ValueKind != JsonValueKind.Number || !Value.TryGetDecimal(out var number))
        {
            throw Fail($"expected a number from {Format(min)} to {Format(max)}, found {Describe(Value)}");
        }

        if (number < min || number > max)
        {
            throw Fail($"expected a number from {Format(min)} to {Format(max)}, found {Format(number)}");
        }

        return number;
    }

    public bool Bool()
    {
        if (Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Fail($"expected true or false, found {Describe(Value)}");
        }

        return Value.GetBoolean();
    }

    public bool OptionalBool(bool fallback) => IsMissing ? fallback : Bool();

    public string OneOf(IReadOnlyCollection<string> allowed)
    {
        var text = String();
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            throw Fail($"expected one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}, found '{Clip(text)}'");
        }

        return text;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string '{Clip(value.GetString()!)}'",
        JsonValueKind.Number => $"the number {Clip(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static string Clip(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
