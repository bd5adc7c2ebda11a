using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api;

public sealed class ActionInvocationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Invoke_CheckoutSessionAction_AnswersSalesforcesShapeWithTheSessionId()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();

        var response = await driver.Client.InvokeAsync("checkoutSessionAction", new { cartId });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var element = response.Result();
        Assert.Equal(["actionName", "errors", "isSuccess", "outputValues", "version"], element.EnumerateObject().Select(p => p.Name));
        Assert.Equal("checkoutSessionAction", element.GetProperty("actionName").GetString());
        Assert.Equal(JsonValueKind.Null, element.GetProperty("errors").ValueKind);
        Assert.True(element.GetProperty("isSuccess").GetBoolean());
        Assert.Equal(1, element.GetProperty("version").GetInt32());
        var session = await driver.SessionAsync(response.Output("requestId")!);
        Assert.Equal(cartId, session.GetProperty("WebCartId").GetString());
        Assert.Equal(CheckoutFlow.Start, session.GetProperty("State").GetString());
    }

    [Theory]
    [InlineData("updateCheckoutSessionAction")]
    [InlineData("updateCheckoutSessionStateAction")]
    public async Task Invoke_EitherNameOfTheUpdateAction_MovesTheSessionAndEchoesTheName(string actionName)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (_, sessionId) = await driver.NewCheckoutAsync();

        var response = await driver.Client.InvokeAsync(actionName, new { checkoutSessionId = sessionId, expCurrentState = "Start", nextState = "Inventory" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(actionName, response.Result().GetProperty("actionName").GetString());
        Assert.Equal(sessionId, response.Output("requestId"));
        Assert.Equal(CheckoutFlow.Inventory, (await driver.SessionAsync(sessionId)).GetProperty("State").GetString());
    }

    [Fact]
    public async Task Invoke_MixedInputs_AnswersEachInOrderWithTheFirstFailuresStatus()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var first = await driver.NewCartAsync();
        var last = await driver.NewCartAsync();

        var response = await driver.Client.InvokeAsync("checkoutSessionAction",
            new { cartId = first }, new { cartId = "not-an-id" }, new { cartId = first, colour = "blue" }, new { cartId = last });

        Assert.Equal(500, response.StatusCode);
        Assert.Equal(4, response.Json.GetArrayLength());
        Assert.True(response.Result(0).GetProperty("isSuccess").GetBoolean());
        Assert.Equal("UNKNOWN_EXCEPTION", response.ActionErrorCode(1));
        Assert.Equal("INVALID_INPUT", response.ActionErrorCode(2));
        Assert.True(response.Result(3).GetProperty("isSuccess").GetBoolean());
        Assert.NotEqual(response.Output("requestId", 0), response.Output("requestId", 3));
    }

    [Fact]
    public async Task Invoke_FirstFailureIs400ThenA500_AnswersHttp400()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();

        var response = await driver.Client.InvokeAsync("checkoutSessionAction",
            new { cartId, initialState = "Nowhere" }, new { cartId = "" }, new { cartId });

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("INVALID_INPUT", response.ActionErrorCode(0));
        Assert.Equal("UNKNOWN_EXCEPTION", response.ActionErrorCode(1));
        Assert.True(response.Result(2).GetProperty("isSuccess").GetBoolean());
    }

    [Fact]
    public async Task Invoke_UnknownInputName_FailsThatInputNamingTheAcceptedInputs()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();

        var response = await driver.Client.InvokeAsync("cartToOrderAction", new { cartID = cartId });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_INPUT", response.ActionErrorCode());
        var message = response.ActionErrorMessage()!;
        Assert.Contains("'cartID'", message);
        Assert.Contains("cartId (required), runAsync", message);
        Assert.Contains("did you mean 'cartId'", message);
        Assert.Equal("Active", (await driver.Client.GetRecordAsync("WebCart", cartId)).Json.GetProperty("Status").GetString());
    }

    [Theory]
    [InlineData("false")]
    [InlineData("FALSE")]
    public async Task Invoke_RunAsyncAsAString_RunsTheTaskInline(string runAsync)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();
        await driver.DriveToAsync(cartId, sessionId, CheckoutFlow.Inventory, armed: true);

        var response = await driver.Client.InvokeAsync("checkCartInventoryAction", new { cartId, runAsync });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var operation = await driver.Client.GetRecordAsync("BackgroundOperation", response.Output("backgroundOperationId")!);
        Assert.Equal("Complete", operation.Json.GetProperty("Status").GetString());
        Assert.Equal(CheckoutFlow.ConfirmPrice, (await driver.SessionAsync(sessionId)).GetProperty("State").GetString());
    }

    [Fact]
    public async Task Invoke_CancelCartAsyncOperation_SucceedsWithNoOutputValues()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();

        var response = await driver.Client.InvokeAsync("cancelCartAsyncOperation", new { cartId });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(JsonValueKind.Null, response.Result().GetProperty("outputValues").ValueKind);
        Assert.True((await driver.SessionAsync(sessionId)).GetProperty("IsArchived").GetBoolean());
    }

    [Fact]
    public async Task Invoke_ThroughTheApi_PublishesTheChangeToOpenConsolePages()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();
        var heard = new ConcurrentQueue<CheckoutChange>();
        using var subscription = factory.Services.GetRequiredService<CheckoutChangeFeed>().Subscribe(heard.Enqueue);

        var response = await driver.Client.InvokeAsync("checkoutSessionAction", new { cartId });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(heard, change => change.CartId == cartId && change.Kinds.HasFlag(ChangeKinds.Session));
    }

    [Fact]
    public async Task List_StandardActions_NamesEveryActionWithItsUrl()
    {
        var client = await factory.LoginAsync(DemoData.Integrator);

        var response = await client.GetAsync($"{SalesforceClient.Data}/actions/standard");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var actions = response.Json.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(CheckoutActions.All.Select(a => a.ApiName), actions.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal($"{SalesforceClient.Data}/actions/standard/priceCart", actions.Single(a => a.GetProperty("name").GetString() == "priceCart").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Describe_Alias_DescribesTheUpdateActionWithInputsAndErrorTable()
    {
        var client = await factory.LoginAsync(DemoData.Integrator);

        var response = await client.GetAsync($"{SalesforceClient.Data}/actions/standard/updateCheckoutSessionStateAction");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("updateCheckoutSessionAction", response.Json.GetProperty("name").GetString());
        var inputs = response.Json.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["checkoutSessionId", "nextState", "expCurrentState"], inputs.Select(i => i.GetProperty("name").GetString()));
        Assert.All(inputs, i => Assert.True(i.GetProperty("required").GetBoolean()));
        var errors = response.Json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(ErrorCatalog.For(CheckoutAction.UpdateCheckoutSession).Count(), errors.Count);
        Assert.Contains(errors, e => e.GetProperty("errorCode").GetString() == "CHECKOUT_CONFLICT" && e.GetProperty("httpStatus").GetInt32() == 409);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task DescribeOrInvoke_UnknownAction_Returns404NotFound(string method)
    {
        var client = await factory.LoginAsync(DemoData.Integrator);

        var response = await client.SendAsync(new HttpMethod(method), $"{SalesforceClient.Data}/actions/standard/placeOrderAction",
            method == "POST" ? """{"inputs":[{}]}""" : null);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NOT_FOUND", response.ErrorCode);
        Assert.Contains("checkoutSessionAction", response.ErrorMessage);
    }
}
