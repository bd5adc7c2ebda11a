using System.Globalization;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Operations;

/// <summary>
/// What each task does, applied to a context the runner saves: inventory against stock, pricing
/// from list prices, a volume promotion, shipping as a Charge item, tax at a configured rate,
/// the draft order, its activation and the order summary.
/// </summary>
public sealed class CheckoutTasks(CheckoutStore store, FaultInjector faults, RuntimeSettings settings)
{
    private LiveSettings Options => settings.Current;

    public async Task<TaskWork> ExecuteAsync(CheckoutDbContext db, BackgroundOperation operation, CancellationToken ct)
    {
        var now = store.Now;
        var queries = CompiledQueries.For(db);
        var session = operation.CheckoutSessionId is null ? null : await queries.Session(db, operation.CheckoutSessionId, ct);
        if (operation.Type == OperationTypes.OrderSummary)
        {
            return await CreateOrderSummaryAsync(db, operation, session, now, ct);
        }

        var cart = (await queries.CartWithItems(db, operation.CartId, ct))!;

        var injected = await faults.TakeTaskFailureAsync(operation.Type, ct);
        if (injected)
        {
            db.Timeline.Add(TimelineEntry.ForFault(now, cart.Id, session?.Id, operation.Id, FaultNames.FailNextTasks, operation.Type));
        }

        var failure = injected
            ? Failure(ValidationTypes.SystemError, $"The {operation.Type} task failed: a fault was injected by an admin (fail the next {operation.Type} task).")
            : await RunTaskAsync(db, operation, cart, session, now, ct);

        string? followUp = null;
        if (failure is null)
        {
            operation.Complete(now);
            session?.CompleteTask(now);
            if (operation.Type == OperationTypes.ActivateOrder)
            {
                session?.Archive(now);
                cart.SetStatus(CartStatuses.Closed, now);
                var summaryOperation = BackgroundOperation.Create(store.Ids, OperationTypes.OrderSummary, cart.Id, session?.Id, now);
                db.Operations.Add(summaryOperation);
                followUp = summaryOperation.Id;
            }
            else if (cart.Status == CartStatuses.Processing)
            {
                cart.SetStatus(CartStatuses.Checkout, now);
            }
        }
        else
        {
            operation.Fail(failure.Value.Error.Code, failure.Value.Error.Message, now);
            db.ValidationOutputs.Add(CartValidationOutput.Create(store.Ids, cart.Id, ValidationLevels.Error, failure.Value.ValidationType,
                failure.Value.Error.Message, failure.Value.RelatedEntityId, operation.Id, now));
            session?.FailTask(now);
            if (cart.Status == CartStatuses.Processing)
            {
                cart.SetStatus(CartStatuses.Checkout, now);
            }
        }

        if (session is not null)
        {
            CheckoutStore.Guard(db, session);
        }

        CheckoutStore.Guard(db, cart);
        return new TaskWork(failure?.Error, followUp);
    }

    private readonly record struct TaskFailure(TaskError Error, string ValidationType, string? RelatedEntityId);

    private static TaskFailure Failure(string validationType, string message, string? relatedEntityId = null, ErrorRule rule = ErrorRule.TaskFailed, string code = "INVALID_INPUT") =>
        new(new TaskError(rule, code, message), validationType, relatedEntityId);

    private async Task<TaskFailure?> RunTaskAsync(CheckoutDbContext db, BackgroundOperation operation, WebCart cart, CartCheckoutSession? session, DateTime now, CancellationToken ct)
    {
        switch (operation.Type)
        {
            case OperationTypes.Inventory:
                return await CheckInventoryAsync(db, operation, cart, now, ct);
            case OperationTypes.Pricing:
                await PriceAsync(db, operation, cart, now, ct);
                return null;
            case OperationTypes.Promotions:
                ApplyPromotions(db, operation, cart, now);
                return null;
            case OperationTypes.Shipping:
                var units = cart.Items.Where(i => i.Type == CartItemTypes.Product).Sum(i => i.Quantity);
                var charge = cart.TotalProductAmount >= Options.FreeShippingThreshold ? 0m : Options.ShippingBaseCharge + (Options.ShippingPerUnit * units);
                cart.SetShippingCharge(store.Ids, cart.DeliveryMethod is null ? "Shipping" : $"Shipping ({cart.DeliveryMethod})", charge, now);
                return null;
            case OperationTypes.Taxes:
                cart.SetTax(Math.Round((cart.TotalProductAmount + cart.TotalChargeAmount) * Options.TaxRate, 2, MidpointRounding.AwayFromZero), now);
                return null;
            case OperationTypes.CartToOrder:
                await CreateDraftOrderAsync(db, cart, session!, now, ct);
                return null;
            case OperationTypes.ActivateOrder:
                return await ActivateAsync(db, session!, now, ct);
            default:
                return Failure(ValidationTypes.SystemError, $"Unknown task type '{operation.Type}'.");
        }
    }

    private async Task<TaskFailure?> CheckInventoryAsync(CheckoutDbContext db, BackgroundOperation operation, WebCart cart, DateTime now, CancellationToken ct)
    {
        var productIds = cart.Items.Where(i => i.Product2Id != null).Select(i => i.Product2Id!).ToList();
        var stock = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.StockQuantity, ct);
        var shortages = cart.Items
            .Where(i => i.Type == CartItemTypes.Product && i.Quantity > stock.GetValueOrDefault(i.Product2Id!))
            .ToList();
        if (shortages.Count == 0)
        {
            return null;
        }

        // One output per short line; the task's failure message names the first.
        foreach (var item in shortages.Skip(1))
        {
            db.ValidationOutputs.Add(CartValidationOutput.Create(store.Ids, cart.Id, ValidationLevels.Error, ValidationTypes.Inventory,
                ShortageMessage(item, stock.GetValueOrDefault(item.Product2Id!)), item.Id, operation.Id, now));
        }

        var first = shortages[0];
        return Failure(ValidationTypes.Inventory, ShortageMessage(first, stock.GetValueOrDefault(first.Product2Id!)), first.Id);

        static string ShortageMessage(CartItem item, int available) =>
            $"Only {available} of {item.Sku} are in stock, {item.Quantity} requested.";
    }

    private async Task PriceAsync(CheckoutDbContext db, BackgroundOperation operation, WebCart cart, DateTime now, CancellationToken ct)
    {
        var productIds = cart.Items.Where(i => i.Product2Id != null).Select(i => i.Product2Id!).ToList();
        var prices = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ListPrice, ct);
        foreach (var item in cart.Items.Where(i => i.Type == CartItemTypes.Product))
        {
            var listPrice = prices.GetValueOrDefault(item.Product2Id!, item.SalesPrice);
            if (listPrice != item.SalesPrice)
            {
                db.ValidationOutputs.Add(CartValidationOutput.Create(store.Ids, cart.Id, ValidationLevels.Info, ValidationTypes.Pricing,
                    $"The price of {item.Sku} changed from {Money(item.SalesPrice)} to {Money(listPrice)}.", item.Id, operation.Id, now));
                item.Reprice(listPrice);
            }
        }

        cart.RecalculateTotals(now);
    }

    private void ApplyPromotions(CheckoutDbContext db, BackgroundOperation operation, WebCart cart, DateTime now)
    {
        foreach (var item in cart.Items.Where(i => i.Type == CartItemTypes.Product))
        {
            var qualifies = item.Quantity >= Options.VolumeDiscountQuantity;
            var adjustment = qualifies ? -Math.Round(item.SalesPrice * item.Quantity * Options.VolumeDiscountRate, 2, MidpointRounding.AwayFromZero) : 0m;
            if (adjustment != item.TotalAdjustmentAmount)
            {
                item.SetAdjustment(adjustment);
                if (qualifies)
                {
                    db.ValidationOutputs.Add(CartValidationOutput.Create(store.Ids, cart.Id, ValidationLevels.Info, ValidationTypes.Promotions,
                        $"Volume discount: {Options.VolumeDiscountRate:P0} off {item.Sku} for {item.Quantity} units ({Money(adjustment)}).", item.Id, operation.Id, now));
                }
            }
        }

        cart.RecalculateTotals(now);
    }

    private async Task CreateDraftOrderAsync(CheckoutDbContext db, WebCart cart, CartCheckoutSession session, DateTime now, CancellationToken ct)
    {
        // Running twice never creates two orders for one session: an existing one is reused.
        var existing = await CompiledQueries.For(db).OrderOfSession(db, session.Id, ct);
        if (existing is null)
        {
            existing = Order.CreateDraft(store.Ids, cart, session.Id, now);
            db.Orders.Add(existing);
        }

        session.AttachOrder(existing.Id, now);
    }

    private async Task<TaskFailure?> ActivateAsync(CheckoutDbContext db, CartCheckoutSession session, DateTime now, CancellationToken ct)
    {
        var order = (await CompiledQueries.For(db).Order(db, session.OrderId!, ct))!;
        if (faults.ShouldCreateSummaryBeforeActivation)
        {
            db.Timeline.Add(TimelineEntry.ForFault(now, order.CartId, session.Id, order.Id, FaultNames.CreateSummaryBeforeActivation, null));
            await using var other = store.CreateContext();
            if (!await other.OrderSummaries.AnyAsync(s => s.OriginalOrderId == order.Id, ct))
            {
                other.OrderSummaries.Add(OrderSummary.Create(store.Ids, order.Id, now));
                await other.SaveChangesAsync(ct);
            }
        }

        if (await CompiledQueries.For(db).HasSummary(db, order.Id, ct))
        {
            return Failure(ValidationTypes.SystemError,
                $"An order summary already exists for order {order.Id}: another process created it first; expected none before activation.",
                order.Id, ErrorRule.OrderSummaryExists, "UNKNOWN_EXCEPTION");
        }

        order.Activate();
        return null;
    }

    private async Task<TaskWork> CreateOrderSummaryAsync(CheckoutDbContext db, BackgroundOperation operation, CartCheckoutSession? session, DateTime now, CancellationToken ct)
    {
        var orderId = session?.OrderId;
        if (faults.ShouldFailOrderSummaryCreation || orderId is null)
        {
            var message = orderId is null
                ? "The order summary couldn't be created: the checkout session has no order."
                : $"The order summary for order {orderId} couldn't be created: a fault was injected by an admin (fail order-summary creation).";
            if (orderId is not null)
            {
                db.Timeline.Add(TimelineEntry.ForFault(now, operation.CartId, session?.Id, operation.Id, FaultNames.FailOrderSummaryCreation, null));
            }

            operation.Fail("UNKNOWN_EXCEPTION", message, now);
            return new TaskWork(new TaskError(ErrorRule.OrderSummaryFailed, "UNKNOWN_EXCEPTION", message), null);
        }

        if (!await CompiledQueries.For(db).HasSummary(db, orderId, ct))
        {
            db.OrderSummaries.Add(OrderSummary.Create(store.Ids, orderId, now));
        }

        operation.Complete(now);
        return new TaskWork(null, null);
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
