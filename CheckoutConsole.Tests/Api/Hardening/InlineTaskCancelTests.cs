using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>Finding 5 of #14 (SPEC §3): an inline task's outcome is its action's outcome, so one cancelled while it runs fails the action.</summary>
public sealed class InlineTaskCancelTests
{

    [Fact]
    public async Task CartToOrderInline_CancelledWhileItRuns_FailsAndCreatesNoOrder()
    {
        await using var factory = new SettingsApiFactory(new Dictionary<string, string?> { ["Checkout:TaskLatencyByType:CartToOrder"] = "800" });
        await factory.InitializeAsync();
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();
        await driver.DriveToAsync(cartId, sessionId, CheckoutFlow.CartToOrder, armed: true);

        var task = driver.Client.InvokeAsync("cartToOrderAction", new { cartId, runAsync = false });
        await Task.Delay(250);
        var cancel = await driver.Client.InvokeAsync("cancelCartAsyncOperation", new { cartId });
        var response = await task;

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.False(response.Result().GetProperty("isSuccess").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("INVALID_INPUT", response.ActionErrorCode());
        Assert.Contains("Canceled", response.ActionErrorMessage());
        await using var db = factory.NewContext();
        Assert.Equal(0, await db.Orders.CountAsync(o => o.CartId == cartId));
        var operation = await db.Operations.SingleAsync(o => o.CartId == cartId && o.Type == OperationTypes.CartToOrder);
        Assert.Equal(OperationStatuses.Canceled, operation.Status);
    }
}
