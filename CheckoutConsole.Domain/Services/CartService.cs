using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using Microsoft.EntityFrameworkCore;
using static CheckoutConsole.Domain.Services.CheckoutChecks;

namespace CheckoutConsole.Domain.Services;

public sealed record CheckoutDetails(string? ShippingAddress, string? DeliveryMethod, string? PoNumber, string? BillingAddress);

/// <summary>
/// Cart editing (SPEC §6): creating a cart, adding, changing and removing lines, and the data the
/// flow's screens collect. An edit of a cart in checkout cancels the checkout in the same save.
/// </summary>
public sealed class CartService(CheckoutStore store, CartScopes scopes)
{
    public const int MaxTextLength = 255;
    public static IReadOnlyList<string> DeliveryMethods { get; } = ["Standard", "Express", "Pickup"];

    private const CheckoutAction Edit = CheckoutAction.CartEdit;
    private const int ConflictRetries = 5;

    /// <summary>Creates an Active cart in a store for an account the caller buys for (Connect: POST carts).</summary>
    public async Task<Result<string>> CreateCartAsync(Caller caller, string? webStoreId, string? effectiveAccountId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var load = await scopes.CallerAsync(Edit, caller);
        if (load.Error is { } error)
        {
            return error;
        }

        var user = load.Access.User!;

        if (!SalesforceId.TryParse(webStoreId, KeyPrefixes.WebStore, out var storeId, out var problem))
        {
            return Fail(Edit, ErrorRule.InvalidInput, $"Invalid webstoreId: {problem}.");
        }

        var accountInput = string.IsNullOrWhiteSpace(effectiveAccountId) ? user.AccountId : effectiveAccountId;
        if (!SalesforceId.TryParse(accountInput, KeyPrefixes.Account, out var accountId, out problem))
        {
            return Fail(Edit, ErrorRule.InvalidInput, $"Invalid effectiveAccountId: {problem}.");
        }

        var webStore = await db.WebStores.AsNoTracking().FirstOrDefaultAsync(s => s.Id == storeId.Value, ct);
        if (webStore is null)
        {
            return Fail(Edit, ErrorRule.RecordNotFound, $"No store with id {storeId} exists.");
        }

        var now = store.Now;
        var cart = WebCart.Create(store.Ids, "Cart", webStore.Id, accountId.Value, user.Id, now);
        if (CallerMayActOnCart(Edit, load.Access, cart) is { } accessError)
        {
            return accessError;
        }

        db.Carts.Add(cart);
        await store.SaveAsync(db, new Audit(user.Username, caller.RequestId, "cart created"), ct);
        return Result<string>.Success(cart.Id);
    }

    public Task<Result<string>> AddCartItemAsync(Caller caller, string? cartId, string? productId, int quantity, CancellationToken ct = default) =>
        EditCartAsync(caller, cartId, "item added", async (db, cart) =>
        {
            if (!SalesforceId.TryParse(productId, KeyPrefixes.Product2, out var id, out var problem))
            {
                return Fail(Edit, ErrorRule.InvalidInput, $"Invalid productId: {problem}.");
            }

            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id.Value, ct);
            if (product is null)
            {
                return Fail(Edit, ErrorRule.ProductNotFound, $"No product with id {id} exists.");
            }

            var existing = cart.Items.FirstOrDefault(i => i.Product2Id == product.Id && i.Type == CartItemTypes.Product);
            var total = (long)quantity + (existing?.Quantity ?? 0);
            if (QuantityError(quantity) is { } quantityError)
            {
                return quantityError;
            }

            if (total > WebCart.MaxQuantity)
            {
                return Fail(Edit, ErrorRule.InvalidInput,
                    $"Invalid quantity: the line for {product.Sku} would hold {total}; expected at most {WebCart.MaxQuantity:N0}.");
            }

            if (existing is not null)
            {
                cart.SetQuantity(existing, (int)total, store.Now);
                return Result<string>.Success(existing.Id);
            }

            return Result<string>.Success(cart.AddProduct(store.Ids, product.Id, product.Sku, product.Name, product.ListPrice, quantity, store.Now).Id);
        }, ct);

    public Task<Result<string>> UpdateCartItemQuantityAsync(Caller caller, string? cartId, string? cartItemId, int quantity, CancellationToken ct = default) =>
        EditCartAsync(caller, cartId, "quantity changed", (db, cart) =>
        {
            if (FindItem(cart, cartItemId, out var item) is { } error)
            {
                return Task.FromResult<Result<string>>(error);
            }

            if (QuantityError(quantity) is { } quantityError)
            {
                return Task.FromResult<Result<string>>(quantityError);
            }

            cart.SetQuantity(item!, quantity, store.Now);
            return Task.FromResult(Result<string>.Success(item!.Id));
        }, ct);

    public Task<Result<string>> RemoveCartItemAsync(Caller caller, string? cartId, string? cartItemId, CancellationToken ct = default) =>
        EditCartAsync(caller, cartId, "item removed", (db, cart) =>
        {
            if (FindItem(cart, cartItemId, out var item) is { } error)
            {
                return Task.FromResult<Result<string>>(error);
            }

            cart.RemoveItem(item!, store.Now);
            return Task.FromResult(Result<string>.Success(item!.Id));
        }, ct);

    /// <summary>The data the flow's screens collect; it doesn't change lines, so it doesn't cancel the checkout.</summary>
    public async Task<Result<Unit>> SaveCheckoutDetailsAsync(Caller caller, string? cartId, CheckoutDetails details, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var load = await scopes.ForCartAsync(db, Edit, caller, cartId, ct);
        var error = load.Error ?? CheckDetails(details) ?? await RunAsync(Edit, load.Scope!, EditLines, ct);
        if (error is not null)
        {
            return error;
        }

        var cart = load.Scope!.Cart;
        var now = store.Now;
        if (details.ShippingAddress is not null)
        {
            cart.SetShippingAddress(details.ShippingAddress.Trim(), now);
        }

        if (details.DeliveryMethod is not null)
        {
            cart.SetDeliveryMethod(details.DeliveryMethod, now);
        }

        if (details.PoNumber is not null || details.BillingAddress is not null)
        {
            cart.SetPaymentDetails((details.PoNumber ?? cart.PoNumber ?? "").Trim(), (details.BillingAddress ?? cart.BillingAddress ?? "").Trim(), now);
        }

        await store.SaveAsync(db, new Audit(load.Actor, caller.RequestId, "checkout details saved"), ct);
        return Result<Unit>.Success(Unit.Value);

        static CheckoutError? CheckDetails(CheckoutDetails d)
        {
            foreach (var (name, value) in new[] { ("Shipping address", d.ShippingAddress), ("PO number", d.PoNumber), ("Billing address", d.BillingAddress) })
            {
                if (value is not null && string.IsNullOrWhiteSpace(value))
                {
                    return Fail(Edit, ErrorRule.InvalidInput, $"{name} is required; found an empty value.");
                }

                if (value is not null && value.Length > MaxTextLength)
                {
                    return Fail(Edit, ErrorRule.InvalidInput, $"{name} is too long: expected at most {MaxTextLength} characters, found {value.Length}.");
                }
            }

            if (d.DeliveryMethod is not null && !DeliveryMethods.Contains(d.DeliveryMethod))
            {
                return Fail(Edit, ErrorRule.InvalidInput,
                    $"Delivery method {Describe(d.DeliveryMethod)} isn't offered; expected one of {string.Join(", ", DeliveryMethods)}.");
            }

            return null;
        }
    }

    private static CheckoutError? QuantityError(int quantity) =>
        quantity is < 1 or > WebCart.MaxQuantity
            ? Fail(Edit, ErrorRule.InvalidInput, $"Invalid quantity: expected a whole number from 1 to {WebCart.MaxQuantity:N0}, found {quantity}.")
            : null;

    private static CheckoutError? FindItem(WebCart cart, string? cartItemId, out CartItem? item)
    {
        item = null;
        if (!SalesforceId.TryParse(cartItemId, KeyPrefixes.CartItem, out var id, out var problem))
        {
            return Fail(Edit, ErrorRule.InvalidInput, $"Invalid cartItemId: {problem}.");
        }

        item = cart.Items.FirstOrDefault(i => i.Id == id.Value && i.Type == CartItemTypes.Product);
        return item is null ? Fail(Edit, ErrorRule.CartItemNotFound, $"Cart {cart.Id} has no product line with id {id}.") : null;
    }

    /// <summary>
    /// The shared shape of a line edit: checks, then — when the cart is in checkout — the
    /// auto-cancel of §5.5 in the same save as the edit, recorded as such in the timeline.
    /// </summary>
    private async Task<Result<string>> EditCartAsync(Caller caller, string? cartId, string what,
        Func<CheckoutDbContext, WebCart, Task<Result<string>>> edit, CancellationToken ct)
    {
        using var turn = await store.TurnAsync(CartScopes.ValidCartId(cartId), ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var load = await scopes.ForCartAsync(db, Edit, caller, cartId, ct, withItems: true);
            var error = load.Error ?? await RunAsync(Edit, load.Scope!, EditLines, ct);
            if (error is not null)
            {
                return error;
            }

            var (cart, session) = (load.Scope!.Cart, load.Scope.Session);
            var result = await edit(db, cart);
            if (!result.IsSuccess)
            {
                return result;
            }

            var canceled = cart.IsInCheckout;
            if (canceled)
            {
                await CheckoutCancellation.ApplyAsync(db, cart, session, store.Now, ct);
            }

            // Outputs describe the lines a checkout's tasks saw; after an edit they would be stale.
            db.ValidationOutputs.RemoveRange(await db.ValidationOutputs.Where(o => o.CartId == cart.Id).ToListAsync(ct));

            CheckoutStore.Guard(db, cart);
            var cause = CheckoutCauses.CartEdited(what, canceled);
            try
            {
                await store.SaveAsync(db, new Audit(load.Actor, caller.RequestId, cause), ct);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
                // The cart changed under us (a task finished, another edit): apply the edit again.
            }
        }
    }
}
