using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Domain.Services;

/// <summary>What loading an action's record found: who calls, the scope its checks read, or the first §4 error.</summary>
internal sealed record ScopeLoad(UserAccess Access, string CallerId, CartScope? Scope, CheckoutError? Error, string? CartId = null, string? SessionId = null)
{
    public string Actor => Access.User?.Username ?? CallerId;
}

/// <summary>A cart looked up by an id input: the cart and its open session, or why there is none (§4 checks 2–3).</summary>
internal sealed record FoundCart(WebCart? Cart, CartCheckoutSession? Session, ErrorRule? Rule, string? Problem)
{
    public CheckoutError? ErrorFor(CheckoutAction action) => Rule is { } rule ? CheckoutChecks.Fail(action, rule, Problem!) : null;
}

/// <summary>SPEC §4 checks 1–7 as the actions load their record: caller, id, existence, then the access policy.</summary>
public sealed class CartScopes(AccessPolicy policy)
{
    internal Task<UserAccess> AccessAsync(Caller caller) => policy.ForUserAsync(caller.UserId);

    internal async Task<ScopeLoad> CallerAsync(CheckoutAction action, Caller caller)
    {
        var access = await AccessAsync(caller);
        return new ScopeLoad(access, caller.UserId, null, CheckoutChecks.CallerMayInvoke(action, access, caller.UserId));
    }

    /// <param name="withItems">Only line edits need the cart's lines; the actions read the cart alone.</param>
    internal async Task<ScopeLoad> ForCartAsync(CheckoutDbContext db, CheckoutAction action, Caller caller, string? cartIdInput, CancellationToken ct, bool withItems = false)
    {
        var load = await CallerAsync(action, caller);
        if (load.Error is not null)
        {
            return load with { CartId = ValidCartId(cartIdInput) };
        }

        var found = await FindCartAsync(db, cartIdInput, ct, withItems);
        if (found.Cart is not { } cart)
        {
            return load with { Error = found.ErrorFor(action) };
        }

        return load with
        {
            CartId = cart.Id,
            SessionId = found.Session?.Id,
            Error = CheckoutChecks.CallerMayActOnCart(action, load.Access, cart),
            Scope = new CartScope(db, load.Access, cart, found.Session),
        };
    }

    internal static async Task<FoundCart> FindCartAsync(CheckoutDbContext db, string? cartIdInput, CancellationToken ct, bool withItems = false)
    {
        if (!SalesforceId.TryParse(cartIdInput, KeyPrefixes.WebCart, out var cartId, out var problem))
        {
            return new FoundCart(null, null, ErrorRule.RecordIdMalformed, $"Invalid cartId: {problem}.");
        }

        var queries = CompiledQueries.For(db);
        var cart = withItems ? await queries.CartWithItems(db, cartId.Value, ct) : await queries.Cart(db, cartId.Value, ct);
        return cart is null
            ? new FoundCart(null, null, ErrorRule.RecordNotFound, $"Invalid cartId: expected an existing cart, found no cart with id {cartId}.")
            : new FoundCart(cart, await queries.OpenSession(db, cart.Id, ct), null, null);
    }

    /// <summary>The update action's record is the session (open or archived); its cart decides access.</summary>
    internal async Task<ScopeLoad> ForSessionAsync(CheckoutDbContext db, CheckoutAction action, Caller caller, string? sessionIdInput, CancellationToken ct)
    {
        var load = await CallerAsync(action, caller);
        if (load.Error is not null)
        {
            return load;
        }

        if (!SalesforceId.TryParse(sessionIdInput, KeyPrefixes.CartCheckoutSession, out var sessionId, out var problem))
        {
            return load with { Error = CheckoutChecks.Fail(action, ErrorRule.RecordIdMalformed, $"Invalid checkoutSessionId: {problem}.") };
        }

        var queries = CompiledQueries.For(db);
        var session = await queries.Session(db, sessionId.Value, ct);
        var cart = session is null ? null : await queries.Cart(db, session.WebCartId, ct);
        if (session is null || cart is null)
        {
            return load with
            {
                Error = CheckoutChecks.Fail(action, ErrorRule.RecordNotFound,
                    $"Invalid session or inadequate user access: expected an existing checkout session, found no session with id {sessionId}."),
            };
        }

        return load with
        {
            CartId = cart.Id,
            SessionId = session.Id,
            Error = CheckoutChecks.CallerMayActOnCart(action, load.Access, cart),
            Scope = new CartScope(db, load.Access, cart, session),
        };
    }

    internal static string? ValidCartId(string? input) =>
        SalesforceId.TryParse(input, KeyPrefixes.WebCart, out var id, out _) ? id.Value : null;
}
