using System.Globalization;
using System.Text.Json;

namespace CheckoutConsole.Domain.Timeline;

public static class TimelineKinds
{
    public const string Action = "Action";
    public const string Change = "Change";
}

/// <summary>One line of the timeline: an action invocation or a field change, with who and why.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry() { }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string Kind { get; private set; } = TimelineKinds.Change;
    public string Actor { get; private set; } = default!;
    public string? RequestId { get; private set; }
    public string? CartId { get; private set; }
    public string? SessionId { get; private set; }
    public string? Action { get; private set; }
    public string? Inputs { get; private set; }
    public string? Outcome { get; private set; }
    public int? HttpStatus { get; private set; }
    public string? Message { get; private set; }
    public string? ObjectType { get; private set; }
    public string? ObjectId { get; private set; }
    public string? Field { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Cause { get; private set; }

    /// <summary>How much of one input value, or of a message, the timeline keeps.</summary>
    public const int MaxRecordedLength = 256;

    public bool IsSuccess => Outcome == "Success";

    /// <summary>
    /// An action's inputs as the timeline keeps them: a text value longer than
    /// <see cref="MaxRecordedLength"/> is cut there and its full length noted, so what a caller
    /// sends can't make the timeline (memory, the database file) grow by more than that per value.
    /// </summary>
    public static string RecordedInputs(IReadOnlyDictionary<string, object?> inputs) =>
        JsonSerializer.Serialize(inputs.ToDictionary(kv => Capped(kv.Key) ?? "", kv => kv.Value is string text ? Capped(text) : kv.Value));

    public static string? Capped(string? value) =>
        value is null || value.Length <= MaxRecordedLength
            ? value
            : string.Create(CultureInfo.InvariantCulture, $"{value[..MaxRecordedLength]}… ({value.Length:N0} characters)");

    public static TimelineEntry ForAction(DateTime at, string actor, string? requestId, string? cartId, string? sessionId,
        string action, string inputs, string outcome, int httpStatus, string? message) =>
        new()
        {
            At = at,
            Kind = TimelineKinds.Action,
            Actor = actor,
            RequestId = requestId,
            CartId = cartId,
            SessionId = sessionId,
            Action = action,
            Inputs = inputs,
            Outcome = outcome,
            HttpStatus = httpStatus,
            Message = message is null || message.Length <= 4 * MaxRecordedLength ? message : message[..(4 * MaxRecordedLength)] + "…",
        };

    public static TimelineEntry ForChange(DateTime at, string actor, string? requestId, string? cartId, string? sessionId,
        string objectType, string objectId, string field, string? before, string? after, string cause) =>
        new()
        {
            At = at,
            Kind = TimelineKinds.Change,
            Actor = actor,
            RequestId = requestId,
            CartId = cartId,
            SessionId = sessionId,
            ObjectType = objectType,
            ObjectId = objectId,
            Field = field,
            Before = before,
            After = after,
            Cause = cause,
        };
}
