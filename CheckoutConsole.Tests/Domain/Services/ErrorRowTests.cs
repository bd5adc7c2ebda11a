using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Domain.Services;

/// <summary>
/// Every row of every action's error table (SPEC §5) reached by a real scenario: set the world up,
/// invoke, assert the code and HTTP status, and assert that nothing changed.
/// </summary>
public sealed class ErrorRowTests
{
    private delegate Task<Func<Task<CheckoutError?>>> Arrange(DomainHarness h);

    private sealed record Scenario(CheckoutAction Action, int Row, string Name, Arrange Arrange, bool Executes = false)
    {
        public string Key => $"{Action} row {Row}: {Name}";
    }

    private static readonly string UnknownCartId = SalesforceId.Parse("0a6000000000000", KeyPrefixes.WebCart).Value;
    private static readonly string UnknownSessionId = SalesforceId.Parse("2z9000000000000", KeyPrefixes.CartCheckoutSession).Value;

    private static readonly IReadOnlyList<Scenario> Scenarios = BuildScenarios();

    public static TheoryData<TestProvider, string> Cases()
    {
        var data = new TheoryData<TestProvider, string>();
        foreach (var provider in Enum.GetValues<TestProvider>())
        {
            foreach (var scenario in Scenarios)
            {
                data.Add(provider, scenario.Key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Action_ErrorRowScenario_ReturnsTheRowsCodeAndStatusAndChangesNothing(TestProvider provider, string key)
    {
        var scenario = Scenarios.Single(s => s.Key == key);
        var row = ErrorCatalog.For(scenario.Action).Single(r => r.Row == scenario.Row);
        await using var harness = await DomainHarness.CreateAsync(provider);
        var invoke = await scenario.Arrange(harness);
        var before = await WorldSnapshot.TakeAsync(harness);

        var error = await invoke();

        Assert.NotNull(error);
        Assert.Equal((row.Code, row.HttpStatus, row.Condition), (error.Code, error.HttpStatus, error.Condition));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        if (!scenario.Executes)
        {
            Assert.Equal(before, await WorldSnapshot.TakeAsync(harness));
        }
    }

    [Theory]
    [InlineData(CheckoutAction.CheckoutSession, 9)]
    [InlineData(CheckoutAction.UpdateCheckoutSession, 9)]
    [InlineData(CheckoutAction.CartToOrder, 8)]
    [InlineData(CheckoutAction.ActivateOrder, 14)]
    [InlineData(CheckoutAction.CancelCartAsyncOperation, 6)]
    [InlineData(CheckoutAction.CheckCartInventory, 8)]
    [InlineData(CheckoutAction.PriceCart, 8)]
    [InlineData(CheckoutAction.CalcCartPromotions, 8)]
    [InlineData(CheckoutAction.CalcCartShipment, 8)]
    [InlineData(CheckoutAction.CalcCartTaxes, 8)]
    public void Catalog_EachAction_HasTheSpecsRowCountAndAScenarioForEveryRow(CheckoutAction action, int specRows)
    {
        var rows = ErrorCatalog.For(action).Select(r => r.Row).ToList();

        var covered = Scenarios.Where(s => s.Action == action).Select(s => s.Row).Distinct().Order().ToList();

        Assert.Equal(specRows, rows.Count);
        Assert.Equal(rows, covered);
    }

    private static List<Scenario> BuildScenarios()
    {
        var list = new List<Scenario>();
        void Add(CheckoutAction action, int row, string name, Arrange arrange, bool executes = false) =>
            list.Add(new Scenario(action, row, name, arrange, executes));

        static Caller Alice(DomainHarness h) => h.As(DemoData.Alice);
        static Func<Task<CheckoutError?>> Call<T>(Func<Task<Result<T>>> action) => async () => (await action()).Error;

        // §5.1 checkoutSessionAction
        var a = CheckoutAction.CheckoutSession;
        Add(a, 1, "Dave has no permission", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Dave), h.Demo.DaveCart))));
        Add(a, 2, "malformed cartId", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), "0a6-not-an-id"))));
        Add(a, 2, "cart not found", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), UnknownCartId))));
        Add(a, 2, "Bob can't edit Alice's cart", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Bob), h.Demo.AliceAcmeCart))));
        Add(a, 3, "Bob can't buy for Umbrella", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Bob), h.Demo.AliceUmbrellaCart))));
        Add(a, 4, "Umbrella is inactive", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), h.Demo.AliceUmbrellaCart))));
        Add(a, 5, "Initech isn't an Acme member", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Carol), h.Demo.CarolAcmeCart))));
        Add(a, 6, "a task is running", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            await h.AdvanceToAsync(Alice(h), session, CheckoutFlow.Inventory);
            Assert.True((await h.Service.AdvanceAsync(Alice(h), session, CheckoutFlow.Inventory)).IsSuccess);
            return Call(() => h.Service.CheckoutSessionAsync(Alice(h), h.Demo.AliceAcmeCart));
        });
        Add(a, 7, "the cart is Closed", async h =>
        {
            await h.CompleteCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.CheckoutSessionAsync(Alice(h), h.Demo.AliceAcmeCart));
        });
        Add(a, 8, "initialState isn't a state", h => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), h.Demo.AliceAcmeCart, "Shipping"))));
        Add(a, 9, "session creation fault", h =>
        {
            h.Faults.SetFailSessionCreation(true);
            return Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), h.Demo.AliceAcmeCart)));
        });

        // §5.2 updateCheckoutSessionAction
        a = CheckoutAction.UpdateCheckoutSession;
        Add(a, 1, "Dave has no permission", async h =>
        {
            var session = await h.InsertSessionAsync(h.Demo.DaveCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Dave), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 2, "malformed checkoutSessionId", h => Task.FromResult(Call(() =>
            h.Service.UpdateCheckoutSessionAsync(Alice(h), h.Demo.AliceAcmeCart, CheckoutFlow.Inventory, CheckoutFlow.Start))));
        Add(a, 3, "session not found", h => Task.FromResult(Call(() =>
            h.Service.UpdateCheckoutSessionAsync(Alice(h), UnknownSessionId, CheckoutFlow.Inventory, CheckoutFlow.Start))));
        Add(a, 3, "Bob can't edit Alice's cart", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Bob), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 4, "Bob can't buy for Umbrella", async h =>
        {
            var session = await h.InsertSessionAsync(h.Demo.AliceUmbrellaCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Bob), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 4, "Umbrella is inactive", async h =>
        {
            var session = await h.InsertSessionAsync(h.Demo.AliceUmbrellaCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 5, "Initech isn't an Acme member", async h =>
        {
            var session = await h.InsertSessionAsync(h.Demo.CarolAcmeCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Carol), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 6, "nextState isn't a state", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, "Shipping", CheckoutFlow.Start));
        });
        Add(a, 6, "expCurrentState missing", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, "  "));
        });
        Add(a, 7, "the session is archived", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            Assert.True((await h.Service.CancelCartAsyncOperationAsync(Alice(h), h.Demo.AliceAcmeCart)).IsSuccess);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 8, "the session is processing", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            Assert.True((await h.Service.UpdateSessionFieldsAsync(Alice(h), session, new SessionFieldChanges(null, false, null, true))).IsSuccess);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 9, "expCurrentState isn't the state", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.ConfirmPrice, CheckoutFlow.Inventory));
        });

        // §5.3, §5.4, §5.5 and §5.6 share the caller rows 1–5
        foreach (var action in new[] { CheckoutAction.CartToOrder, CheckoutAction.ActivateOrder, CheckoutAction.CancelCartAsyncOperation }.Concat(ErrorCatalog.IntegrationActions))
        {
            AddCallerRows(action);
        }

        a = CheckoutAction.CartToOrder;
        Add(a, 6, "a task is running", async h =>
        {
            var cart = await RunningInventoryAsync(h);
            return Call(() => h.Service.CartToOrderAsync(Alice(h), cart));
        });
        Add(a, 7, "the cart is Active", h => Task.FromResult(Call(() => h.Service.CartToOrderAsync(Alice(h), h.Demo.AliceAcmeCart))));
        Add(a, 8, "the session is in Start", async h =>
        {
            await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.CartToOrderAsync(Alice(h), h.Demo.AliceAcmeCart));
        });
        Add(a, 8, "the session is processing", async h =>
        {
            var session = await AtTaskWithNextAsync(h, CheckoutFlow.CartToOrder);
            Assert.True((await h.Service.UpdateSessionFieldsAsync(Alice(h), session, new SessionFieldChanges(null, false, null, true))).IsSuccess);
            return Call(() => h.Service.CartToOrderAsync(Alice(h), h.Demo.AliceAcmeCart));
        });

        a = CheckoutAction.ActivateOrder;
        Add(a, 6, "orderStatus isn't Activated", h => Task.FromResult(Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, "Draft"))));
        Add(a, 7, "a task is running", async h =>
        {
            var cart = await RunningInventoryAsync(h);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated));
        });
        Add(a, 8, "the cart is Active", h => Task.FromResult(Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, OrderStatuses.Activated))));
        Add(a, 9, "an inventory error isn't dismissed", async h =>
        {
            await h.SetCartLineQuantityAsync(Alice(h), h.Demo.AliceAcmeCart, DemoData.LowStockSku, 5);
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            await h.AdvanceToAsync(Alice(h), session, CheckoutFlow.Inventory);
            Assert.True((await h.Service.AdvanceAsync(Alice(h), session, CheckoutFlow.Inventory)).IsSuccess);
            await h.DrainQueueAsync();
            Assert.Equal(CheckoutFlow.Error, (await h.SessionAsync(session)).State);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, OrderStatuses.Activated));
        });
        Add(a, 10, "the session is in Start", async h =>
        {
            await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, OrderStatuses.Activated));
        });
        Add(a, 11, "the session is processing", async h =>
        {
            var session = await AtTaskWithNextAsync(h, CheckoutFlow.ActivateOrder);
            Assert.True((await h.Service.UpdateSessionFieldsAsync(Alice(h), session, new SessionFieldChanges(null, false, null, true))).IsSuccess);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, OrderStatuses.Activated));
        });
        Add(a, 12, "no draft order", async h =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            Assert.True((await h.Service.UpdateSessionFieldsAsync(Alice(h), session,
                new SessionFieldChanges(CheckoutFlow.ActivateOrder, true, CheckoutFlow.OrderConfirmation, null))).IsSuccess);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, OrderStatuses.Activated));
        });
        Add(a, 13, "another process created the summary", async h =>
        {
            await AtTaskWithNextAsync(h, CheckoutFlow.ActivateOrder);
            h.Faults.SetCreateSummaryBeforeActivation(true);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, OrderStatuses.Activated, runAsync: false));
        }, executes: true);
        Add(a, 14, "the summary couldn't be created", async h =>
        {
            await AtTaskWithNextAsync(h, CheckoutFlow.ActivateOrder);
            h.Faults.SetFailOrderSummaryCreation(true);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), h.Demo.AliceAcmeCart, OrderStatuses.Activated, runAsync: false));
        }, executes: true);

        Add(CheckoutAction.CancelCartAsyncOperation, 6, "the cart is Closed", async h =>
        {
            await h.CompleteCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
            return Call(() => h.Service.CancelCartAsyncOperationAsync(Alice(h), h.Demo.AliceAcmeCart));
        });

        foreach (var action in ErrorCatalog.IntegrationActions)
        {
            var state = CheckoutFlow.StepForTask(CheckoutActions.Spec(action).TaskType!)!.State;
            Add(action, 6, "a task is running", async h =>
            {
                var session = await AtTaskWithNextAsync(h, state);
                Assert.True((await h.Service.StartIntegrationTaskAsync(action, Alice(h), h.Demo.AliceAcmeCart)).IsSuccess);
                return Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), h.Demo.AliceAcmeCart));
            });
            Add(action, 7, "the cart is Active", h => Task.FromResult(Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), h.Demo.AliceAcmeCart))));
            Add(action, 8, "the session isn't in the task's state", async h =>
            {
                await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
                return Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), h.Demo.AliceAcmeCart));
            });
            Add(action, 8, "NextState isn't set", async h =>
            {
                var session = await h.StartCheckoutAsync(Alice(h), h.Demo.AliceAcmeCart);
                await h.AdvanceToAsync(Alice(h), session, state);
                return Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), h.Demo.AliceAcmeCart));
            });
        }

        return list;

        void AddCallerRows(CheckoutAction action)
        {
            Add(action, 1, "Dave has no permission", h => Task.FromResult(Invoke(h, action, h.As(DemoData.Dave), h.Demo.DaveCart)));
            Add(action, 2, "malformed cartId", h => Task.FromResult(Invoke(h, action, Alice(h), "0a6AAAAAAAAAAAAAAAZZZ")));
            Add(action, 2, "cart not found", h => Task.FromResult(Invoke(h, action, Alice(h), UnknownCartId)));
            Add(action, 3, "Bob can't edit Alice's cart", h => Task.FromResult(Invoke(h, action, h.As(DemoData.Bob), h.Demo.AliceAcmeCart)));
            Add(action, 4, "Bob can't buy for Umbrella", h => Task.FromResult(Invoke(h, action, h.As(DemoData.Bob), h.Demo.AliceUmbrellaCart)));
            Add(action, 4, "Umbrella is inactive", h => Task.FromResult(Invoke(h, action, Alice(h), h.Demo.AliceUmbrellaCart)));
            Add(action, 5, "Initech isn't an Acme member", h => Task.FromResult(Invoke(h, action, h.As(DemoData.Carol), h.Demo.CarolAcmeCart)));
        }

        static Func<Task<CheckoutError?>> Invoke(DomainHarness h, CheckoutAction action, Caller caller, string cartId) => action switch
        {
            CheckoutAction.CartToOrder => Call(() => h.Service.CartToOrderAsync(caller, cartId)),
            CheckoutAction.ActivateOrder => Call(() => h.Service.ActivateOrderAsync(caller, cartId, OrderStatuses.Activated)),
            CheckoutAction.CancelCartAsyncOperation => Call(() => h.Service.CancelCartAsyncOperationAsync(caller, cartId)),
            _ => Call(() => h.Service.StartIntegrationTaskAsync(action, caller, cartId)),
        };

        // Alice's checkout with the Inventory task queued and not yet run.
        static async Task<string> RunningInventoryAsync(DomainHarness h)
        {
            var session = await AtTaskWithNextAsync(h, CheckoutFlow.Inventory);
            Assert.True((await h.Service.StartIntegrationTaskAsync(CheckoutAction.CheckCartInventory, Alice(h), h.Demo.AliceAcmeCart)).IsSuccess);
            Assert.True((await h.SessionAsync(session)).IsProcessing);
            return h.Demo.AliceAcmeCart;
        }

        // Alice's checkout waiting in a task state with its NextState set, the task not started.
        static Task<string> AtTaskWithNextAsync(DomainHarness h, string state) =>
            h.WaitingInTaskAsync(Alice(h), h.Demo.AliceAcmeCart, state);
    }
}

public sealed class OperationTypesTests
{
    [Fact]
    public void PlacesOrder_OrderTasks_PutTheCartInProcessing()
    {
        var placing = OperationTypes.All.Where(OperationTypes.PlacesOrder).ToList();

        Assert.Equal([OperationTypes.CartToOrder, OperationTypes.ActivateOrder], placing);
    }
}
