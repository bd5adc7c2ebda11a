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

    public bool IsSuccess => Outcome == "Success";

    /// <summary>An inline task's failure, known only after its action's entry was saved as a success.</summary>
    internal void SetOutcome(string outcome, int httpStatus, string? message)
    {
        Outcome = outcome;
        HttpStatus = httpStatus;
        Message = message;
    }

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
            Message = message,
        };

    public const string FaultObject = "Fault";

    /// <summary>An injected fault that took effect: Field is its name (FaultNames), After its detail (e.g. the task type).</summary>
    public static TimelineEntry ForFault(DateTime at, string cartId, string? sessionId, string operationId, string fault, string? detail) =>
        ForChange(at, "worker", null, cartId, sessionId, FaultObject, operationId, fault, null, detail, "fault injected by an admin");

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
