using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.Api;

namespace CheckoutConsole.Tests.Durable;

/// <summary>A checkout driven through a console process's REST API, as a Salesforce flow would drive it.</summary>
public static class ConsoleFlow
{
    public static async Task<SalesforceClient> LoginAsync(ConsoleProcess console, string username = DemoData.Integrator) =>
        new(console.Http, await SalesforceClient.RequestTokenAsync(console.Http, username, DemoData.Passwords[username]));

    /// <summary>Steps the session the way a flow does: update, then the state's task inline.</summary>
    public static async Task StepThroughAsync(SalesforceClient client, string cartId, string sessionId, string until)
    {
        var current = await CurrentStateAsync(client, sessionId);
        foreach (var step in CheckoutFlow.Steps.SkipWhile(s => s.State != current).TakeWhile(s => s.State != until))
        {
            var update = await client.InvokeAsync("updateCheckoutSessionStateAction",
                new { checkoutSessionId = sessionId, expCurrentState = step.State, nextState = step.Next });
            Assert.True(update.Status == HttpStatusCode.OK, $"update from {step.State}: {update.Text}");
            if (step.IsTask)
            {
                var action = CheckoutActions.ApiName(CheckoutService.TaskAction(step.TaskType!));
                var run = step.TaskType == OperationTypes.ActivateOrder
                    ? await client.InvokeAsync(action, new { cartId, orderStatus = "Activated", runAsync = false })
                    : await client.InvokeAsync(action, new { cartId, runAsync = false });
                Assert.True(run.Status == HttpStatusCode.OK, $"{action}: {run.Text}");
            }
        }
    }

    public static async Task<string> CurrentStateAsync(SalesforceClient client, string sessionId) =>
        (await client.GetRecordAsync("CartCheckoutSession", sessionId)).Json.GetProperty("State").GetString()!;

    public static async Task WaitForAsync(SalesforceClient client, string type, string id, Func<System.Text.Json.JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var record = await client.GetRecordAsync(type, id);
            if (record.Status == HttpStatusCode.OK && condition(record.Json))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{type} {id} never reached the expected state: {(await client.GetRecordAsync(type, id)).Text}");
    }

    public static async Task<int> WaitForSummaryAsync(SalesforceClient client, string orderId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int count;
        do
        {
            count = (await client.QueryAsync($"SELECT Id FROM OrderSummary WHERE OriginalOrderId = '{orderId}'")).Json.GetProperty("totalSize").GetInt32();
            if (count > 0)
            {
                return count;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return count;
    }
}
