using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;

namespace CheckoutConsole.Domain.Services;

public sealed record StepResult(string Action, string? RecordId);

public sealed partial class CheckoutService
{
    /// <summary>
    /// One step of the flow the way a real checkout flow takes it: on a screen, update the session
    /// to the next state; on a task state, set NextState (if not yet set) and start the state's task
    /// with its action. Every call it makes is an ordinary action, recorded as such.
    /// </summary>
    public async Task<Result<StepResult>> AdvanceAsync(Caller caller, string sessionId, string expectedState, bool runAsync = true, CancellationToken ct = default)
    {
        var step = CheckoutFlow.Step(expectedState);
        if (step?.Next is null)
        {
            return Fail(CheckoutAction.UpdateCheckoutSession, ErrorRule.InvalidStateInput,
                $"There is no next step after '{expectedState}'; expected a state of the flow before '{CheckoutFlow.OrderConfirmation}'.");
        }

        if (!step.IsTask)
        {
            var update = await UpdateCheckoutSessionAsync(caller, sessionId, step.Next, expectedState, ct);
            return update.IsSuccess ? Result<StepResult>.Success(new StepResult("updateCheckoutSessionAction", update.Value)) : update.Error!;
        }

        var session = await SessionForAdvanceAsync(sessionId, ct);
        if (session is null)
        {
            var update = await UpdateCheckoutSessionAsync(caller, sessionId, step.Next, expectedState, ct);
            return update.Error!;
        }

        if (session.NextState is null)
        {
            var update = await UpdateCheckoutSessionAsync(caller, sessionId, step.Next, expectedState, ct);
            if (!update.IsSuccess)
            {
                return update.Error!;
            }
        }

        var action = TaskAction(step.TaskType!);
        var started = action switch
        {
            CheckoutAction.CartToOrder => await CartToOrderAsync(caller, session.WebCartId, runAsync, ct),
            CheckoutAction.ActivateOrder => await ActivateOrderAsync(caller, session.WebCartId, OrderStatuses.Activated, runAsync, ct),
            _ => await StartIntegrationTaskAsync(action, caller, session.WebCartId, runAsync, ct),
        };
        return started.IsSuccess ? Result<StepResult>.Success(new StepResult(CheckoutActions.ApiName(action), started.Value)) : started.Error!;
    }

    public static CheckoutAction TaskAction(string taskType) => taskType switch
    {
        OperationTypes.CartToOrder => CheckoutAction.CartToOrder,
        OperationTypes.ActivateOrder => CheckoutAction.ActivateOrder,
        _ => CheckoutActions.IntegrationActionForTask(taskType) ?? throw new ArgumentOutOfRangeException(nameof(taskType), taskType, "No action starts this task."),
    };

    private async Task<CartCheckoutSession?> SessionForAdvanceAsync(string sessionId, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        return await CompiledQueries.For(db).Session(db, sessionId, ct);
    }
}
