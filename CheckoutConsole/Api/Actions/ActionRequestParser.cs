using System.Text.Json;
using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Api.Actions;

/// <summary>One input of a call: its declared values (typed), and any names the action doesn't take.</summary>
public sealed record ParsedInput(IReadOnlyDictionary<string, object?> Values, IReadOnlyList<string> UnknownNames);

/// <summary>
/// Reads <c>{"inputs":[…]}</c> against an action's declared inputs. Anything that isn't the right
/// JSON shape or type rejects the whole call before any input runs; an unknown input name fails
/// only its own input.
/// </summary>
public static class ActionRequestParser
{
    public const int MaxInputs = 200;

    public static (IReadOnlyList<ParsedInput> Inputs, IResult? Error) Parse(JsonElement root, ActionSpec spec)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Reject($"Expected a JSON object like {{\"inputs\":[{{…}}]}}; found {ApiBody.Describe(root)}.");
        }

        JsonElement? inputs = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "inputs")
            {
                return Reject($"Unrecognized field \"{SalesforceErrors.Echo(property.Name)}\" in the request body; expected only \"inputs\".");
            }

            if (inputs is not null)
            {
                return Reject("The request body has \"inputs\" twice.");
            }

            inputs = property.Value;
        }

        if (inputs is not { } array)
        {
            return Reject("The request body has no \"inputs\"; expected {\"inputs\":[{…}]}.");
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return Reject($"\"inputs\" must be an array of objects; found {ApiBody.Describe(array)}.");
        }

        var count = array.GetArrayLength();
        if (count == 0)
        {
            return ([], SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.InvalidInput,
                $"\"inputs\" is empty; expected 1 to {MaxInputs} inputs."));
        }

        if (count > MaxInputs)
        {
            return ([], SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.LimitExceeded,
                $"A call takes at most {MaxInputs} inputs; found {count}."));
        }

        var parsed = new List<ParsedInput>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Reject($"inputs[{index}] must be an object of named values; found {ApiBody.Describe(element)}.");
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            var unknown = new List<string>();
            foreach (var property in element.EnumerateObject())
            {
                var declared = spec.Inputs.FirstOrDefault(i => i.Name == property.Name);
                if (declared is null)
                {
                    unknown.Add(property.Name);
                    continue;
                }

                if (values.ContainsKey(declared.Name))
                {
                    return Reject($"inputs[{index}] has \"{declared.Name}\" twice.");
                }

                if (!TryConvert(property.Value, declared.Type, out var value, out var expected))
                {
                    return Reject($"inputs[{index}].{declared.Name} must be {expected}; found {ApiBody.Describe(property.Value)}.");
                }

                values[declared.Name] = value;
            }

            parsed.Add(new ParsedInput(values, unknown));
            index++;
        }

        return (parsed, null);
    }

    /// <summary>The message for an input naming inputs the action doesn't take, with the ones it does.</summary>
    public static string UnknownInputsMessage(ActionSpec spec, string actionName, IReadOnlyList<string> unknown)
    {
        var names = string.Join(", ", unknown.Select(n => $"'{SalesforceErrors.Echo(n)}'"));
        var accepted = string.Join(", ", spec.Inputs.Select(i => i.Required ? i.Name + " (required)" : i.Name));
        var hints = unknown
            .Select(n => spec.Inputs.FirstOrDefault(i => string.Equals(i.Name, n, StringComparison.OrdinalIgnoreCase)))
            .Where(i => i is not null)
            .Select(i => $" Input names are case-sensitive: did you mean '{i!.Name}'?");
        return $"{actionName} has no input {names}; it accepts {accepted}.{string.Concat(hints)}";
    }

    private static bool TryConvert(JsonElement value, string type, out object? converted, out string expected)
    {
        converted = null;
        if (type == "BOOLEAN")
        {
            expected = "a boolean (true or false, or the string \"true\" or \"false\")";
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return true;
                case JsonValueKind.True or JsonValueKind.False:
                    converted = value.GetBoolean();
                    return true;
                case JsonValueKind.String when bool.TryParse(value.GetString(), out var flag):
                    converted = flag;
                    return true;
                default:
                    return false;
            }
        }

        expected = type == "ID" ? "a string holding a record id" : "a string";
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                converted = value.GetString();
                return true;
            default:
                return false;
        }
    }

    private static (IReadOnlyList<ParsedInput>, IResult?) Reject(string message) => ([], SalesforceErrors.JsonParser(message));

}
