using System.Globalization;
using System.Text.Json;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Api.Commerce;

/// <summary>
/// Cart editing shaped like Salesforce's Connect API (/commerce/webstores/{webstoreId}/carts…),
/// through the same CheckoutService as the console, so editing a cart in checkout cancels the
/// checkout exactly as it does there.
/// </summary>
public static class CartEndpoints
{
    private const CheckoutAction Edit = CheckoutAction.CartEdit;

    public static void MapCommerceCarts(this RouteGroupBuilder data)
    {
        var carts = data.MapGroup("/commerce/webstores/{webstoreId}/carts").WithTags("Commerce carts");
        carts.MapPost("/", CreateAsync)
            .WithSummary("Create a cart in a store for an account the caller buys for")
            .WithDescription("effectiveAccountId (body or query) defaults to the caller's home account.")
            .WithRequestBody<CartInput>("application/json")
            .Produces<CartSummary>(StatusCodes.Status201Created)
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest)
            .Produces<SalesforceError[]>(StatusCodes.Status403Forbidden)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        carts.MapGet("/{cartId}", GetAsync)
            .WithSummary("Read a cart")
            .Produces<CartSummary>()
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        carts.MapPost("/{cartId}/cart-items", AddItemAsync)
            .WithSummary("Add a product to a cart (a cart in checkout has its checkout canceled first)")
            .WithDescription("quantity is a whole number from 1 to 10,000, as a JSON number or a numeric string.")
            .WithRequestBody<CartItemInput>("application/json")
            .Produces<CartItemResult>(StatusCodes.Status201Created)
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest)
            .Produces<SalesforceError[]>(StatusCodes.Status403Forbidden)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        carts.MapPatch("/{cartId}/cart-items/{cartItemId}", UpdateItemAsync)
            .WithSummary("Change the quantity of a cart line")
            .WithRequestBody<CartItemQuantityInput>("application/json")
            .Produces<CartItemResult>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        carts.MapDelete("/{cartId}/cart-items/{cartItemId}", DeleteItemAsync)
            .WithSummary("Remove a cart line")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string webstoreId, string? effectiveAccountId,
        CartService service, RecordReader reader)
    {
        var (body, error) = await ReadObjectAsync(context, emptyIsObject: true, ["effectiveAccountId", "type"]);
        if (error is not null)
        {
            return error;
        }

        if (!TryText(body, "effectiveAccountId", out var accountInBody, out error) || !TryText(body, "type", out var type, out error))
        {
            return error!;
        }

        if (type is not null and not "Cart")
        {
            return InvalidInput($"Invalid type: expected 'Cart', found '{SalesforceErrors.Echo(type)}'.");
        }

        var result = await service.CreateCartAsync(context.ApiUser().NewCaller(), webstoreId, accountInBody ?? effectiveAccountId);
        if (!result.IsSuccess)
        {
            return SalesforceErrors.From(result.Error!);
        }

        await using var records = await reader.OpenAsync(context.ApiUser().User.Id, context.RequestAborted);
        var cart = await records.Carts.FirstAsync(c => c.Id == result.Value, context.RequestAborted);
        return Results.Json(Summary(cart), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string webstoreId, string cartId,
        RecordReader reader)
    {
        var (cart, error) = await FindCartInStoreAsync(context, reader, webstoreId, cartId);
        return error ?? Results.Json(Summary(cart!), ApiJson.Options);
    }

    private static async Task<IResult> AddItemAsync(HttpContext context, string webstoreId, string cartId,
        CartService service, RecordReader reader)
    {
        var (body, error) = await ReadObjectAsync(context, emptyIsObject: false, ["productId", "quantity", "type"]);
        if (error is not null)
        {
            return error;
        }

        if (!TryText(body, "productId", out var productId, out error) || !TryText(body, "type", out var type, out error)
            || !TryQuantity(body, out var quantity, out error))
        {
            return error!;
        }

        if (type is not null and not CartItemTypes.Product)
        {
            return InvalidInput($"Invalid type: expected '{CartItemTypes.Product}', found '{SalesforceErrors.Echo(type)}'.");
        }

        if (quantity is null)
        {
            return InvalidInput("quantity is required: expected a whole number from 1 to 10,000.");
        }

        (_, error) = await FindCartInStoreAsync(context, reader, webstoreId, cartId);
        if (error is not null)
        {
            return error;
        }

        var result = await service.AddCartItemAsync(context.ApiUser().NewCaller(), cartId, productId, quantity.Value);
        return await ItemResultAsync(context, reader, result, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateItemAsync(HttpContext context, string webstoreId, string cartId, string cartItemId,
        CartService service, RecordReader reader)
    {
        var (body, error) = await ReadObjectAsync(context, emptyIsObject: false, ["quantity"]);
        if (error is not null)
        {
            return error;
        }

        if (!TryQuantity(body, out var quantity, out error))
        {
            return error!;
        }

        if (quantity is null)
        {
            return InvalidInput("quantity is required: expected a whole number from 1 to 10,000.");
        }

        (_, error) = await FindCartInStoreAsync(context, reader, webstoreId, cartId);
        if (error is not null)
        {
            return error;
        }

        var result = await service.UpdateCartItemQuantityAsync(context.ApiUser().NewCaller(), cartId, cartItemId, quantity.Value);
        return await ItemResultAsync(context, reader, result, StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteItemAsync(HttpContext context, string webstoreId, string cartId, string cartItemId,
        CartService service, RecordReader reader)
    {
        var (_, error) = await FindCartInStoreAsync(context, reader, webstoreId, cartId);
        if (error is not null)
        {
            return error;
        }

        var result = await service.RemoveCartItemAsync(context.ApiUser().NewCaller(), cartId, cartItemId);
        return result.IsSuccess ? Results.NoContent() : SalesforceErrors.From(result.Error!);
    }

    /// <summary>
    /// The cart of the path, when the caller may see it (the access policy decides, through the
    /// records it lets this caller read) and it belongs to the path's store; otherwise the catalog's
    /// not-found row, the same for a cart that doesn't exist and one the caller may not see.
    /// </summary>
    private static async Task<(WebCart? Cart, IResult? Error)> FindCartInStoreAsync(HttpContext context,
        RecordReader reader, string webstoreId, string cartId)
    {
        if (!SalesforceId.TryParse(webstoreId, KeyPrefixes.WebStore, out var storeId, out var problem))
        {
            return (null, InvalidInput($"Invalid webstoreId: {problem}."));
        }

        if (!SalesforceId.TryParse(cartId, KeyPrefixes.WebCart, out var id, out problem))
        {
            return (null, InvalidInput($"Invalid cartId: {problem}."));
        }

        await using var records = await reader.OpenAsync(context.ApiUser().User.Id, context.RequestAborted);
        var cart = await records.Carts.FirstOrDefaultAsync(c => c.Id == id.Value && c.WebStoreId == storeId.Value, context.RequestAborted);
        return cart is null
            ? (null, SalesforceErrors.From(ErrorCatalog.Error(Edit, ErrorRule.RecordNotFound,
                $"No cart with id {id} that you can see exists in store {storeId}.")))
            : (cart, null);
    }

    /// <summary>
    /// The line the service added or changed, read back. A removal that overtook this request
    /// leaves nothing to read: the line is gone, which the caller learns as a 404.
    /// </summary>
    private static async Task<IResult> ItemResultAsync(HttpContext context, RecordReader reader, Result<string> result, int status)
    {
        if (!result.IsSuccess)
        {
            return SalesforceErrors.From(result.Error!);
        }

        await using var records = await reader.OpenAsync(context.ApiUser().User.Id, context.RequestAborted);
        var item = await records.CartItems.FirstOrDefaultAsync(i => i.Id == result.Value, context.RequestAborted);
        if (item is null)
        {
            return SalesforceErrors.From(ErrorCatalog.Error(Edit, ErrorRule.RecordNotFound,
                $"The cart line {result.Value} was removed by another request before it could be read back."));
        }

        return Results.Json(new CartItemResult(item.Id, item.CartId, item.Product2Id, item.Name, item.Type,
            item.Quantity.ToString(CultureInfo.InvariantCulture), Amount(item.ListPrice), Amount(item.SalesPrice),
            Amount(item.TotalAdjustmentAmount), Amount(item.TotalPrice)), ApiJson.Options, statusCode: status);
    }

    private static CartSummary Summary(WebCart cart) =>
        new(cart.Id, cart.Name, cart.Status, cart.Type, cart.WebStoreId, cart.AccountId, cart.OwnerId, cart.PoNumber,
            Amount(cart.TotalProductAmount), Amount(cart.TotalChargeAmount), Amount(cart.TotalTaxAmount), Amount(cart.GrandTotalAmount),
            cart.Items.Where(i => i.Type == CartItemTypes.Product).Select(i => i.Product2Id).Distinct().Count(), "USD");

    private static async Task<(JsonElement Body, IResult? Error)> ReadObjectAsync(HttpContext context, bool emptyIsObject, string[] accepted)
    {
        var (body, error) = await ApiBody.ReadJsonAsync(context.Request, emptyIsObject, context.RequestAborted);
        if (error is not null)
        {
            return (body, error);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (body, SalesforceErrors.JsonParser($"Expected a JSON object; found {ApiBody.Describe(body)}."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!accepted.Contains(property.Name))
            {
                return (body, SalesforceErrors.JsonParser(
                    $"Unrecognized field \"{SalesforceErrors.Echo(property.Name)}\"; expected {string.Join(", ", accepted.Select(a => $"\"{a}\""))}."));
            }

            if (!seen.Add(property.Name))
            {
                return (body, SalesforceErrors.JsonParser($"The field \"{property.Name}\" appears twice."));
            }
        }

        return (body, null);
    }

    private static bool TryText(JsonElement body, string name, out string? value, out IResult? error)
    {
        value = null;
        error = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = SalesforceErrors.JsonParser($"{name} must be a string; found {ApiBody.Describe(element)}.");
            return false;
        }

        value = element.GetString();
        return true;
    }

    /// <summary>A quantity as Connect clients send it: a JSON number or a numeric string; it must be whole.</summary>
    private static bool TryQuantity(JsonElement body, out int? quantity, out IResult? error)
    {
        quantity = null;
        error = null;
        if (!body.TryGetProperty("quantity", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        decimal number;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var fromNumber))
        {
            number = fromNumber;
        }
        else if (element.ValueKind == JsonValueKind.String
            && decimal.TryParse(element.GetString(), NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var fromText))
        {
            number = fromText;
        }
        else
        {
            error = SalesforceErrors.JsonParser($"quantity must be a number or a numeric string; found {ApiBody.Describe(element)}.");
            return false;
        }

        // Whole numbers go to the service, which owns the 1 to 10,000 rule.
        if (number != decimal.Truncate(number) || number < int.MinValue || number > int.MaxValue)
        {
            error = InvalidInput($"Invalid quantity: expected a whole number from 1 to {WebCart.MaxQuantity:N0}, found {number.ToString(CultureInfo.InvariantCulture)}.");
            return false;
        }

        quantity = (int)number;
        return true;
    }

    private static IResult InvalidInput(string message) => SalesforceErrors.From(ErrorCatalog.Error(Edit, ErrorRule.InvalidInput, message));

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

}
