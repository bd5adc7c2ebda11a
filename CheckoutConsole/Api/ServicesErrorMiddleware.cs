using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Api;

/// <summary>
/// Under /services: a write that lost to concurrent writes after its retries becomes 409
/// CHECKOUT_CONFLICT (retry it); an unexpected exception becomes Salesforce's 500 UNKNOWN_EXCEPTION with an
/// error id and no stack trace (the details go to the log), and a bare 405 from routing gets
/// Salesforce's METHOD_NOT_ALLOWED body.
/// </summary>
public sealed class ServicesErrorMiddleware(RequestDelegate next, ILogger<ServicesErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var errorId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            if (ex is BadHttpRequestException bad)
            {
                logger.LogInformation(ex, "Rejected a bad request to {Path} ({ErrorId})", context.Request.Path, errorId);
                context.Response.Clear();
                var code = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? SalesforceErrors.RequestTooLarge : SalesforceErrors.JsonParserError;
                await SalesforceErrors.WriteAsync(context, bad.StatusCode, code, "The request couldn't be read: " + bad.Message);
                return;
            }

            if (ex is DbUpdateConcurrencyException)
            {
                logger.LogInformation(ex, "A write to {Path} lost to concurrent writes ({ErrorId})", context.Request.Path, errorId);
                context.Response.Clear();
                await SalesforceErrors.WriteAsync(context, StatusCodes.Status409Conflict, SalesforceErrors.CheckoutConflict, SalesforceErrors.ConcurrentChangeMessage);
                return;
            }

            logger.LogError(ex, "Unexpected error in {Method} {Path} ({ErrorId})", context.Request.Method, context.Request.Path, errorId);
            context.Response.Clear();
            await SalesforceErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, SalesforceErrors.UnknownException,
                $"An unexpected error occurred. Please include this ErrorId if you contact support: {errorId}");
            return;
        }

        if (context.Response.HasStarted || context.Response.ContentLength is not null)
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
        {
            await SalesforceErrors.WriteAsync(context, StatusCodes.Status404NotFound, SalesforceErrors.NotFound, SalesforceErrors.ResourceMissing);
        }
        else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
            && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method)))
        {
            // Salesforce answers a POST or PATCH to a resource that doesn't take it as an unknown resource.
            context.Response.Headers.Allow = default;
            await SalesforceErrors.WriteAsync(context, StatusCodes.Status404NotFound, SalesforceErrors.NotFound,
                $"{SalesforceErrors.ResourceMissing}: nothing at {context.Request.Path} takes {context.Request.Method}");
        }
        else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = context.Response.Headers.Allow.ToString();
            await SalesforceErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, SalesforceErrors.MethodNotAllowed,
                $"HTTP Method '{context.Request.Method}' not allowed.{(allowed.Length > 0 ? $" Allowed are {allowed}" : "")}");
        }
    }
}
