namespace CheckoutConsole.Api.Actions;

/// <summary>The body of an invocation: <c>{"inputs": [{…}, …]}</c>, one object of named values per input.</summary>
public sealed record ActionRequest(IReadOnlyList<IReadOnlyDictionary<string, object?>> Inputs);

/// <summary>One element of an invocation's answer, in the order of the inputs.</summary>
public sealed record ActionResult(
    string ActionName,
    IReadOnlyList<ActionError>? Errors,
    bool IsSuccess,
    IReadOnlyDictionary<string, object?>? OutputValues,
    int Version = 1);

public sealed record ActionError(string StatusCode, string Message, IReadOnlyList<string> Fields);

public sealed record ActionListEntry(string Label, string Name, string Type, string Url);

public sealed record ActionList(IReadOnlyList<ActionListEntry> Actions);

public sealed record ActionParameter(string Name, string Type, bool Required, string Description);

public sealed record ActionErrorRow(int Row, string Condition, string ErrorCode, int HttpStatus);

public sealed record ActionDescription(
    string Name,
    string Label,
    string Type,
    string Url,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ActionParameter> Inputs,
    IReadOnlyList<ActionParameter> Outputs,
    IReadOnlyList<ActionErrorRow> Errors);
