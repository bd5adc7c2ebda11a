using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.Spec;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Domain.Services;

/// <summary>One demo world per provider, shared by every case of <see cref="ErrorRowTests"/>: each case works on a cart of its own.</summary>
public sealed class ErrorRowWorlds : IAsyncLifetime
{
    private readonly Dictionary<TestProvider, DomainHarness> _worlds = [];

    public async Task<DomainHarness> ForAsync(TestProvider provider)
    {
        if (!_worlds.TryGetValue(provider, out var harness))
        {
            harness = await DomainHarness.CreateAsync(provider);
            _worlds[provider] = harness;
        }

        return harness;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var harness in _worlds.Values)
        {
            await harness.DisposeAsync();
        }
    }
}

/// <summary>
/// Every row of every action's error table (SPEC §5) reached by a real scenario: set the world up,
/// invoke, assert the code and HTTP status SPEC gives (<see cref="SpecErrorTable"/>), and assert that
/// nothing changed. The world is built once per provider; each scenario gets a new cart of Alice's.
/// </summary>
public sealed class ErrorRowTests(ErrorRowWorlds worlds) : IClassFixture<ErrorRowWorlds>
{
    private delegate Task<Func<Task<CheckoutError?>>> Arrange(DomainHarness h, string cart);

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
        var row = SpecErrorTable.Row(scenario.Action, scenario.Row);
        var harness = await worlds.ForAsync(provider);
        try
        {
            var invoke = await scenario.Arrange(harness, await harness.NewAcmeCartAsync(harness.As(DemoData.Alice)));
            var before = await WorldSnapshot.TakeAsync(harness);

            var error = await invoke();

            Assert.NotNull(error);
            Assert.Equal((row.Code, row.HttpStatus), (error.Code, error.HttpStatus));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            if (!scenario.Executes)
            {
                Assert.Equal(before, await WorldSnapshot.TakeAsync(harness));
            }
        }
        finally
        {
            await harness.Faults.ClearAllAsync();
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
        var rows = SpecErrorTable.Rows.Where(r => r.Action == action).Select(r => r.Row).ToList();

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
        Add(a, 1, "Dave has no permission", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Dave), h.Demo.DaveCart))));
        Add(a, 2, "malformed cartId", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), "0a6-not-an-id"))));
        Add(a, 2, "cart not found", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), UnknownCartId))));
        Add(a, 2, "Bob can't edit Alice's cart", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Bob), cart))));
        Add(a, 3, "Bob can't buy for Umbrella", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Bob), h.Demo.AliceUmbrellaCart))));
        Add(a, 4, "Umbrella is inactive", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), h.Demo.AliceUmbrellaCart))));
        Add(a, 5, "Initech isn't an Acme member", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(h.As(DemoData.Carol), h.Demo.CarolAcmeCart))));
        Add(a, 6, "a task is running", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            await h.AdvanceToAsync(Alice(h), session, CheckoutFlow.Inventory);
            Assert.True((await h.Service.AdvanceAsync(Alice(h), session, CheckoutFlow.Inventory)).IsSuccess);
            return Call(() => h.Service.CheckoutSessionAsync(Alice(h), cart));
        });
        Add(a, 7, "the cart is Closed", async (h, cart) =>
        {
            await h.CompleteCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.CheckoutSessionAsync(Alice(h), cart));
        });
        Add(a, 8, "initialState isn't a state", (h, cart) => Task.FromResult(Call(() => h.Service.CheckoutSessionAsync(Alice(h), cart, "Shipping"))));
        Add(a, 9, "session creation fault", async (h, cart) =>
        {
            await h.Faults.SetFailSessionCreationAsync(true);
            return Call(() => h.Service.CheckoutSessionAsync(Alice(h), cart));
        });

        // §5.2 updateCheckoutSessionAction
        a = CheckoutAction.UpdateCheckoutSession;
        Add(a, 1, "Dave has no permission", async (h, cart) =>
        {
            var session = await h.InsertSessionAsync(h.Demo.DaveCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Dave), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 2, "malformed checkoutSessionId", (h, cart) => Task.FromResult(Call(() =>
            h.Service.UpdateCheckoutSessionAsync(Alice(h), cart, CheckoutFlow.Inventory, CheckoutFlow.Start))));
        Add(a, 3, "session not found", (h, cart) => Task.FromResult(Call(() =>
            h.Service.UpdateCheckoutSessionAsync(Alice(h), UnknownSessionId, CheckoutFlow.Inventory, CheckoutFlow.Start))));
        Add(a, 3, "Bob can't edit Alice's cart", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Bob), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 4, "Bob can't buy for Umbrella", async (h, cart) =>
        {
            var session = await h.InsertSessionAsync(h.Demo.AliceUmbrellaCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Bob), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 4, "Umbrella is inactive", async (h, cart) =>
        {
            var session = await h.InsertSessionAsync(h.Demo.AliceUmbrellaCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 5, "Initech isn't an Acme member", async (h, cart) =>
        {
            var session = await h.InsertSessionAsync(h.Demo.CarolAcmeCart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(h.As(DemoData.Carol), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 6, "nextState isn't a state", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, "Shipping", CheckoutFlow.Start));
        });
        Add(a, 6, "expCurrentState missing", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, "  "));
        });
        Add(a, 7, "the session is archived", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            Assert.True((await h.Service.CancelCartAsyncOperationAsync(Alice(h), cart)).IsSuccess);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 8, "the session is processing", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            Assert.True((await h.Admin.UpdateSessionFieldsAsync(Alice(h), session, new SessionFieldChanges(null, false, null, true))).IsSuccess);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.Inventory, CheckoutFlow.Start));
        });
        Add(a, 9, "expCurrentState isn't the state", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.UpdateCheckoutSessionAsync(Alice(h), session, CheckoutFlow.ConfirmPrice, CheckoutFlow.Inventory));
        });

        // §5.3, §5.4, §5.5 and §5.6 share the caller rows 1–5
        foreach (var action in new[] { CheckoutAction.CartToOrder, CheckoutAction.ActivateOrder, CheckoutAction.CancelCartAsyncOperation }.Concat(ErrorCatalog.IntegrationActions))
        {
            AddCallerRows(action);
        }

        a = CheckoutAction.CartToOrder;
        Add(a, 6, "a task is running", async (h, cart) =>
        {
            await RunningInventoryAsync(h, cart);
            return Call(() => h.Service.CartToOrderAsync(Alice(h), cart));
        });
        Add(a, 7, "the cart is Active", (h, cart) => Task.FromResult(Call(() => h.Service.CartToOrderAsync(Alice(h), cart))));
        Add(a, 8, "the session is in Start", async (h, cart) =>
        {
            await h.StartCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.CartToOrderAsync(Alice(h), cart));
        });
        Add(a, 8, "the session is processing", async (h, cart) =>
        {
            var session = await AtTaskWithNextAsync(h, cart, CheckoutFlow.CartToOrder);
            Assert.True((await h.Admin.UpdateSessionFieldsAsync(Alice(h), session, new SessionFieldChanges(null, false, null, true))).IsSuccess);
            return Call(() => h.Service.CartToOrderAsync(Alice(h), cart));
        });

        a = CheckoutAction.ActivateOrder;
        Add(a, 6, "orderStatus isn't Activated", (h, cart) => Task.FromResult(Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, "Draft"))));
        Add(a, 7, "a task is running", async (h, cart) =>
        {
            await RunningInventoryAsync(h, cart);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated));
        });
        Add(a, 8, "the cart is Active", (h, cart) => Task.FromResult(Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated))));
        Add(a, 9, "an inventory error isn't dismissed", async (h, cart) =>
        {
            await h.SetCartLineQuantityAsync(Alice(h), cart, DemoData.LowStockSku, 5);
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            await h.AdvanceToAsync(Alice(h), session, CheckoutFlow.Inventory);
            Assert.True((await h.Service.AdvanceAsync(Alice(h), session, CheckoutFlow.Inventory)).IsSuccess);
            await h.DrainQueueAsync();
            Assert.Equal(CheckoutFlow.Error, (await h.SessionAsync(session)).State);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated));
        });
        Add(a, 10, "the session is in Start", async (h, cart) =>
        {
            await h.StartCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated));
        });
        Add(a, 11, "the session is processing", async (h, cart) =>
        {
            var session = await AtTaskWithNextAsync(h, cart, CheckoutFlow.ActivateOrder);
            Assert.True((await h.Admin.UpdateSessionFieldsAsync(Alice(h), session, new SessionFieldChanges(null, false, null, true))).IsSuccess);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated));
        });
        Add(a, 12, "no draft order", async (h, cart) =>
        {
            var session = await h.StartCheckoutAsync(Alice(h), cart);
            Assert.True((await h.Admin.UpdateSessionFieldsAsync(Alice(h), session,
                new SessionFieldChanges(CheckoutFlow.ActivateOrder, true, CheckoutFlow.OrderConfirmation, null))).IsSuccess);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated));
        });
        Add(a, 13, "another process created the summary", async (h, cart) =>
        {
            await AtTaskWithNextAsync(h, cart, CheckoutFlow.ActivateOrder);
            await h.Faults.SetCreateSummaryBeforeActivationAsync(true);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated, runAsync: false));
        }, executes: true);
        Add(a, 14, "the summary couldn't be created", async (h, cart) =>
        {
            await AtTaskWithNextAsync(h, cart, CheckoutFlow.ActivateOrder);
            await h.Faults.SetFailOrderSummaryCreationAsync(true);
            return Call(() => h.Service.ActivateOrderAsync(Alice(h), cart, OrderStatuses.Activated, runAsync: false));
        }, executes: true);

        Add(CheckoutAction.CancelCartAsyncOperation, 6, "the cart is Closed", async (h, cart) =>
        {
            await h.CompleteCheckoutAsync(Alice(h), cart);
            return Call(() => h.Service.CancelCartAsyncOperationAsync(Alice(h), cart));
        });

        foreach (var action in ErrorCatalog.IntegrationActions)
        {
            var state = CheckoutFlow.StepForTask(CheckoutActions.Spec(action).TaskType!)!.State;
            Add(action, 6, "a task is running", async (h, cart) =>
            {
                var session = await AtTaskWithNextAsync(h, cart, state);
                Assert.True((await h.Service.StartIntegrationTaskAsync(action, Alice(h), cart)).IsSuccess);
                return Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), cart));
            });
            Add(action, 7, "the cart is Active", (h, cart) => Task.FromResult(Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), cart))));
            Add(action, 8, "the session isn't in the task's state", async (h, cart) =>
            {
                await h.StartCheckoutAsync(Alice(h), cart);
                return Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), cart));
            });
            Add(action, 8, "NextState isn't set", async (h, cart) =>
            {
                var session = await h.StartCheckoutAsync(Alice(h), cart);
                await h.AdvanceToAsync(Alice(h), session, state);
                return Call(() => h.Service.StartIntegrationTaskAsync(action, Alice(h), cart));
            });
        }

        return list;

        void AddCallerRows(CheckoutAction action)
        {
            Add(action, 1, "Dave has no permission", (h, cart) => Task.FromResult(Invoke(h, action, h.As(DemoData.Dave), h.Demo.DaveCart)));
            Add(action, 2, "malformed cartId", (h, cart) => Task.FromResult(Invoke(h, action, Alice(h), "0a6AAAAAAAAAAAAAAAZZZ")));
            Add(action, 2, "cart not found", (h, cart) => Task.FromResult(Invoke(h, action, Alice(h), UnknownCartId)));
            Add(action, 3, "Bob can't edit Alice's cart", (h, cart) => Task.FromResult(Invoke(h, action, h.As(DemoData.Bob), cart)));
            Add(action, 4, "Bob can't buy for Umbrella", (h, cart) => Task.FromResult(Invoke(h, action, h.As(DemoData.Bob), h.Demo.AliceUmbrellaCart)));
            Add(action, 4, "Umbrella is inactive", (h, cart) => Task.FromResult(Invoke(h, action, Alice(h), h.Demo.AliceUmbrellaCart)));
            Add(action, 5, "Initech isn't an Acme member", (h, cart) => Task.FromResult(Invoke(h, action, h.As(DemoData.Carol), h.Demo.CarolAcmeCart)));
        }

        static Func<Task<CheckoutError?>> Invoke(DomainHarness h, CheckoutAction action, Caller caller, string cartId) => action switch
        {
            CheckoutAction.CartToOrder => Call(() => h.Service.CartToOrderAsync(caller, cartId)),
            CheckoutAction.ActivateOrder => Call(() => h.Service.ActivateOrderAsync(caller, cartId, OrderStatuses.Activated)),
            CheckoutAction.CancelCartAsyncOperation => Call(() => h.Service.CancelCartAsyncOperationAsync(caller, cartId)),
            _ => Call(() => h.Service.StartIntegrationTaskAsync(action, caller, cartId)),
        };

        // Alice's checkout with the Inventory task queued and not yet run.
        static async Task<string> RunningInventoryAsync(DomainHarness h, string cart)
        {
            var session = await AtTaskWithNextAsync(h, cart, CheckoutFlow.Inventory);
            Assert.True((await h.Service.StartIntegrationTaskAsync(CheckoutAction.CheckCartInventory, Alice(h), cart)).IsSuccess);
            Assert.True((await h.SessionAsync(session)).IsProcessing);
            return cart;
        }

        // Alice's checkout waiting in a task state with its NextState set, the task not started.
        static Task<string> AtTaskWithNextAsync(DomainHarness h, string cart, string state) =>
            h.WaitingInTaskAsync(Alice(h), cart, state);
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
