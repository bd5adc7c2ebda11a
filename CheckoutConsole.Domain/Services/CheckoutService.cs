using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Services;

/// <summary>
/// The checkout actions. Each has the same shape: load → check (in SPEC §4's order, then the
/// action's table) → change → save → publish. Expected failures come back as catalog errors.
/// </summary>
public sealed partial class CheckoutService(
    CheckoutStore store,
    AccessDirectory directory,
    OperationQueue queue,
    OperationRunner runner,
    FaultInjector faults)
{
    private const int ConflictRetries = 5;

    private sealed record CartScope(User User, WebCart Cart, CartCheckoutSession? Session);

    private static CheckoutError Fail(CheckoutAction action, ErrorRule rule, string message) =>
        ErrorCatalog.Error(action, rule, message);

    private static string Describe(string? value)
    {
        if (value is null)
        {
            return "nothing";
        }

        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return $"'{shown}'";
    }

    private async Task<(User? User, CheckoutError? Error)> LoadCallerAsync(CheckoutAction action, Caller caller)
    {
        var user = (await directory.GetAsync()).Users.GetValueOrDefault(caller.UserId);
        if (user is null || !user.CanInvokeActions)
        {
            var who = user?.Username ?? caller.UserId;
            return (user, Fail(action, ErrorRule.CannotInvoke,
                $"User {who} can't invoke {CheckoutActions.ApiName(action)}: expected the permission B2BBuyer, B2BCommerceIntegrator or ModifyAllData, found none."));
        }

        return (user, null);
    }

    /// <param name="withItems">Only line edits need the cart's lines; the actions read the cart alone.</param>
    private async Task<(CartScope? Scope, CheckoutError? Error)> LoadCartScopeAsync(
        CheckoutDbContext db, CheckoutAction action, Caller caller, string? cartIdInput, CancellationToken ct, bool withItems = false)
    {
        var (user, error) = await LoadCallerAsync(action, caller);
        if (error is not null)
        {
            return (null, error);
        }

        if (!SalesforceId.TryParse(cartIdInput, KeyPrefixes.WebCart, out var cartId, out var problem))
        {
            return (null, Fail(action, ErrorRule.RecordIdMalformed, $"Invalid cartId: {problem}."));
        }

        var cart = withItems ? await CompiledQueries.For(db).CartWithItems(db, cartId.Value, ct) : await CompiledQueries.For(db).Cart(db, cartId.Value, ct);
        if (cart is null)
        {
            return (null, Fail(action, ErrorRule.RecordNotFound, $"Invalid cartId: expected an existing cart, found no cart with id {cartId}."));
        }

        var accessError = await CheckCartAccessAsync(action, user!, cart);
        if (accessError is not null)
        {
            return (null, accessError);
        }

        var session = await CompiledQueries.For(db).OpenSession(db, cart.Id, ct);
        return (new CartScope(user!, cart, session), null);
    }

    /// <summary>§4 checks 4–7: edit, buy for, account valid, store member.</summary>
    private async Task<CheckoutError?> CheckCartAccessAsync(CheckoutAction action, User user, WebCart cart)
    {
        var access = await directory.GetAsync();
        var canEdit = user.ActsOnAnyCart || cart.OwnerId == user.Id || access.Shares.Contains((cart.Id, user.Id));
        if (!canEdit)
        {
            return Fail(action, ErrorRule.CannotEditCart,
                $"User {user.Username} doesn't have access to cart {cart.Id}: expected the owner or a user it is shared with, found neither.");
        }

        var account = access.Accounts.GetValueOrDefault(cart.AccountId);
        if (!user.ActsOnAnyCart && !user.BuysFor.Contains(cart.AccountId))
        {
            return Fail(action, ErrorRule.CannotBuyFor,
                $"User {user.Username} can't buy for account {account?.Name ?? cart.AccountId}: it isn't one of the accounts the user buys for.");
        }

        if (account is null || !account.IsValidBuyer)
        {
            return Fail(action, ErrorRule.AccountInvalid,
                $"Account {account?.Name ?? cart.AccountId} of cart {cart.Id} isn't a valid buyer: expected BuyerStatus Active, found {account?.BuyerStatus ?? "no account"}.");
        }

        if (!access.Memberships.Contains((cart.WebStoreId, cart.AccountId)))
        {
            return Fail(action, ErrorRule.NotStoreMember,
                $"Account {account.Name} isn't a member of the store {access.Stores.GetValueOrDefault(cart.WebStoreId)?.Name ?? cart.WebStoreId}: expected a buyer of that store.");
        }

        return null;
    }

    private static Task<bool> HasOpenOperationAsync(CheckoutDbContext db, string cartId, CancellationToken ct) =>
        CompiledQueries.For(db).HasOpenOperation(db, cartId, ct);

    /// <summary>Records the invocation in the timeline: with the change on success, on its own on failure.</summary>
    private async Task<Result<T>> FinishAsync<T>(CheckoutAction action, Caller caller, string actor, string? cartId, string? sessionId,
        IReadOnlyDictionary<string, object?> inputs, Result<T> result, CancellationToken ct)
    {
        if (!result.IsSuccess)
        {
            await store.RecordAsync(ActionEntry(action, caller, actor, cartId, sessionId, inputs, result.Error), ct);
        }

        return result;
    }

    private TimelineEntry ActionEntry(CheckoutAction action, Caller caller, string actor, string? cartId, string? sessionId,
        IReadOnlyDictionary<string, object?> inputs, CheckoutError? error) =>
        TimelineEntry.ForAction(store.Now, actor, caller.RequestId, cartId, sessionId, CheckoutActions.ApiName(action),
            TimelineEntry.RecordedInputs(inputs), error?.Code ?? "Success", error?.HttpStatus ?? 200, error?.Message);
}
