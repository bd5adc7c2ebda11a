namespace CheckoutConsole.Domain.Errors;

/// <summary>
/// What one invocation of an action returned, as the consoles show it and the REST API answers it:
/// success with its output value, or the code, HTTP status, message and documented condition of its error.
/// </summary>
public sealed record ActionOutcome(string Action, bool IsSuccess, string Code, int HttpStatus, string Message, string? Condition, string? Value, DateTime At)
{
    public static ActionOutcome Success(string action, string message, DateTime at, string? value = null) =>
        new(action, true, "Success", 200, message, null, value, at);

    public static ActionOutcome Failure(string action, CheckoutError error, DateTime at) =>
        new(action, false, error.Code, error.HttpStatus, error.Message, error.Condition, null, at);

    /// <summary>A failure before the action ran (the request itself was wrong), with no catalog row.</summary>
    public static ActionOutcome Rejected(string action, string code, int httpStatus, string message, DateTime at) =>
        new(action, false, code, httpStatus, message, null, null, at);
}
