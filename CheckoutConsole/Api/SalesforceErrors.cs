using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Api;

/// <summary>One element of Salesforce's error array: <c>[{"message": …, "errorCode": …}]</c>.</summary>
public sealed record SalesforceError(string Message, string ErrorCode);

/// <summary>The REST API's error responses, shaped as Salesforce shapes them.</summary>
public static class SalesforceErrors
{
    public const string InvalidSessionId = "INVALID_SESSION_ID";
    public const string NotFound = "NOT_FOUND";
    public const string JsonParserError = "JSON_PARSER_ERROR";
    public const string MalformedQuery = "MALFORMED_QUERY";
    public const string InvalidField = "INVALID_FIELD";
    public const string InvalidFieldForUpdate = "INVALID_FIELD_FOR_INSERT_UPDATE";
    public const string InvalidInput = "INVALID_INPUT";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string RequestTooLarge = "REQUEST_ENTITY_TOO_LARGE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnknownException = "UNKNOWN_EXCEPTION";
    public const string CheckoutConflict = "CHECKOUT_CONFLICT";

    /// <summary>
    /// A write that kept meeting other writes to the same record until its retries ran out: nothing
    /// of it was saved, and the client may send it again (409, as for a lost compare-and-set).
    /// </summary>
    public const string ConcurrentChangeMessage =
        "The record was changed by other requests while this one ran, and nothing of this request was saved; retry it.";

    public const string ResourceMissing = "The requested resource does not exist";

    /// <summary>A caller's value as a message quotes it: cut at <paramref name="max"/> characters, so a huge input is never echoed whole.</summary>
    public static string Echo(string? value, int max = 40) => value is null ? "" : value.Length > max ? value[..max] + "…" : value;

    public static IResult Error(int status, string errorCode, string message) =>
        Results.Json(new[] { new SalesforceError(message, errorCode) }, ApiJson.Options, statusCode: status);

    public static IResult From(CheckoutError error) => Error(error.HttpStatus, error.Code, error.Message);

    public static IResult InvalidSession() => Error(StatusCodes.Status401Unauthorized, InvalidSessionId, "Session expired or invalid");

    public static IResult ResourceNotFound(string? detail = null) =>
        Error(StatusCodes.Status404NotFound, NotFound, detail is null ? ResourceMissing : $"{ResourceMissing}: {detail}");

    public static IResult JsonParser(string message) => Error(StatusCodes.Status400BadRequest, JsonParserError, message);

    /// <summary>Writes an error straight to the response, for middleware that runs outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, int status, string errorCode, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new[] { new SalesforceError(message, errorCode) }, ApiJson.Options);
    }
}
