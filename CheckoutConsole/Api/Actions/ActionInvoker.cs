using CheckoutConsole.Api.Auth;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Api.Actions;

/// <summary>Runs one input of a call through the same CheckoutService the consoles use.</summary>
public sealed class ActionInvoker(CheckoutService service, TimeProvider clock)
{
    /// <summary>The Salesforce shape of one input's outcome.</summary>
    public static ActionResult ToResult(ActionOutcome outcome, ActionSpec spec) => outcome.IsSuccess
        ? new ActionResult(outcome.Action, null, true, spec.Outputs.Count == 0 ? null : new Dictionary<string, object?> { [spec.Outputs[0].Name] = outcome.Value })
        : new ActionResult(outcome.Action, [new ActionError(outcome.Code, outcome.Message, [])], false, null);

    public async Task<ActionOutcome> InvokeAsync(ActionSpec spec, string actionName, ApiUser user, ParsedInput input)
    {
        if (input.UnknownNames.Count > 0)
        {
            return ActionOutcome.Rejected(actionName, SalesforceErrors.InvalidInput, StatusCodes.Status400BadRequest,
                ActionRequestParser.UnknownInputsMessage(spec, actionName, input.UnknownNames), Now);
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
            return ActionOutcome.Rejected(actionName, SalesforceErrors.CheckoutConflict, StatusCodes.Status409Conflict, SalesforceErrors.ConcurrentChangeMessage, Now);
        }

        return result.IsSuccess
            ? ActionOutcome.Success(actionName, "", Now, result.Value)
            : ActionOutcome.Failure(actionName, result.Error!, Now);
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

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string? Text(ParsedInput input, string name) => input.Values.GetValueOrDefault(name) as string;

    private static bool Flag(ParsedInput input, string name) => input.Values.GetValueOrDefault(name) as bool? ?? true;

    private static Result<string> WithoutValue(Result<Unit> result) =>
        result.IsSuccess ? Result<string>.Success(string.Empty) : Result<string>.Failure(result.Error!);
}
