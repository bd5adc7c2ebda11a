using CheckoutConsole.Api.Auth;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Api.Actions;

public sealed record ActionOutcome(ActionResult Result, int HttpStatus);

/// <summary>Runs one input of a call through the same CheckoutService the consoles use.</summary>
public sealed class ActionInvoker(CheckoutService service)
{
    public async Task<ActionOutcome> InvokeAsync(ActionSpec spec, string actionName, ApiUser user, ParsedInput input)
    {
        if (input.UnknownNames.Count > 0)
        {
            return Failed(actionName, SalesforceErrors.InvalidInput, StatusCodes.Status400BadRequest,
                ActionRequestParser.UnknownInputsMessage(spec, actionName, input.UnknownNames));
        }

        // The domain runs to its own end even if the client goes away: a half-run inline task
        // would leave its operation Running, so no request cancellation token is passed on.
        var caller = user.NewCaller();
        Result<string> result;
        try
        {
            result = await RunAsync(spec, input, caller);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Per input, like every other failure: the inputs before it keep their results.
            return Failed(actionName, SalesforceErrors.CheckoutConflict, StatusCodes.Status409Conflict, SalesforceErrors.ConcurrentChangeMessage);
        }

        if (!result.IsSuccess)
        {
            return Failed(actionName, result.Error!.Code, result.Error.HttpStatus, result.Error.Message);
        }

        var outputs = spec.Outputs.Count == 0 ? null : new Dictionary<string, object?> { [spec.Outputs[0].Name] = result.Value };
        return new ActionOutcome(new ActionResult(actionName, null, true, outputs), StatusCodes.Status200OK);
    }

    private async Task<Result<string>> RunAsync(ActionSpec spec, ParsedInput input, Caller caller) =>
        spec.Action switch
        {
            CheckoutAction.CheckoutSession => await service.CheckoutSessionAsync(caller, Text(input, "cartId"), Text(input, "initialState")),
            CheckoutAction.UpdateCheckoutSession => await service.UpdateCheckoutSessionAsync(caller,
                Text(input, "checkoutSessionId"), Text(input, "nextState"), Text(input, "expCurrentState")),
            CheckoutAction.CartToOrder => await service.CartToOrderAsync(caller, Text(input, "cartId"), Flag(input, "runAsync")),
            CheckoutAction.ActivateOrder => await service.ActivateOrderAsync(caller, Text(input, "cartId"), Text(input, "orderStatus"), Flag(input, "runAsync")),
            CheckoutAction.CancelCartAsyncOperation => WithoutValue(await service.CancelCartAsyncOperationAsync(caller, Text(input, "cartId"))),
            _ => await service.StartIntegrationTaskAsync(spec.Action, caller, Text(input, "cartId"), Flag(input, "runAsync")),
        };

    private static ActionOutcome Failed(string actionName, string code, int status, string message) =>
        new(new ActionResult(actionName, [new ActionError(code, message, [])], false, null), status);

    private static string? Text(ParsedInput input, string name) => input.Values.GetValueOrDefault(name) as string;

    private static bool Flag(ParsedInput input, string name) => input.Values.GetValueOrDefault(name) as bool? ?? true;

    private static Result<string> WithoutValue(Result<Unit> result) =>
        result.IsSuccess ? Result<string>.Success(string.Empty) : Result<string>.Failure(result.Error!);
}
