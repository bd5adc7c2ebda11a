using System.Globalization;
using CheckoutConsole.Auth;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Catalog;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CheckoutConsole.Components.Pages.Buyer;

public sealed partial class CartPage
{
    private readonly Dictionary<string, string> _quantities = [];
    private readonly Dictionary<string, string> _addQuantities = [];
    private string? _userId;
    private string? _username;
    private string? _cartId;
    private int _reads;
    private bool _loaded;
    private CheckoutView? _view;
    private CartCapabilities? _can;
    private IReadOnlyList<Product2> _products = [];
    private string? _busy;
    private string? _error;
    private string? _canceledByEdit;

    [Parameter] public string CartId { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private CartService Carts { get; set; } = default!;
    [Inject] private CheckoutService Checkout { get; set; } = default!;
    [Inject] private CheckoutQueries Queries { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private static List<BreadcrumbItem> Crumbs(string cartName) => [new("My carts", "buyer"), new(cartName, null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _userId = user.UserId();
        _username = user.Identity?.Name;
        _cartId = SalesforceId.TryParse(CartId, KeyPrefixes.WebCart, out var id, out _) ? id.Value : null;
        _products = await Queries.ListProductsAsync();
        await LoadAsync();
        _loaded = true;
    }

    protected override bool Shows(CheckoutChange change) => change.CartId is not null && change.CartId == _cartId;

    protected override async Task LoadAsync()
    {
        // Reads can overlap (an edit's own re-read and the feed's); only the latest started may land.
        var read = ++_reads;
        var view = _userId is null || _cartId is null ? null : await Queries.GetCheckoutAsync(_userId, _cartId);
        var can = view is null ? null : await Checkout.GetCapabilitiesAsync(Caller.For(_userId!), view.Cart.Id);
        if (read != _reads)
        {
            return;
        }

        var before = _view;
        _view = view;
        _can = can;
        if (before?.Cart.IsInCheckout == true && _view is { Session: null } && !_view.Cart.IsInCheckout)
        {
            _canceledByEdit = CheckoutFacts.CancellationNotice(_view, _username);
        }
    }

    private string QuantityText(CartItem line) =>
        _quantities.TryGetValue(line.Id, out var typed) ? typed : line.Quantity.ToString(CultureInfo.InvariantCulture);

    private async Task AddAsync(Product2 product)
    {
        if (ParseQuantity(_addQuantities.GetValueOrDefault(product.Id, "1")) is int quantity
            && await EditAsync("add:" + product.Id, caller => Carts.AddCartItemAsync(caller, _cartId, product.Id, quantity),
                $"Added {quantity} × {product.Name} ({product.Sku})."))
        {
            _addQuantities.Remove(product.Id);
        }
    }

    private async Task UpdateQuantityAsync(CartItem line)
    {
        if (ParseQuantity(QuantityText(line)) is int quantity
            && await EditAsync("update:" + line.Id, caller => Carts.UpdateCartItemQuantityAsync(caller, _cartId, line.Id, quantity),
                $"{line.Sku} now has quantity {quantity}."))
        {
            _quantities.Remove(line.Id);
        }
    }

    private Task RemoveAsync(CartItem line) =>
        EditAsync("remove:" + line.Id, caller => Carts.RemoveCartItemAsync(caller, _cartId, line.Id), $"Removed {line.Name} ({line.Sku}).");

    /// <summary>
    /// Whole numbers go to the domain, which owns the 1–10,000 rule and its message; only text that
    /// isn't a whole number at all is refused here.
    /// </summary>
    private int? ParseQuantity(string? text)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
        {
            return quantity;
        }

        _error = $"Invalid quantity: expected a whole number from 1 to {WebCart.MaxQuantity:N0}, found '{text?.Trim()}'.";
        Snackbar.Add(_error, Severity.Error);
        return null;
    }

    private async Task<bool> EditAsync(string key, Func<Caller, Task<Result<string>>> edit, string success)
    {
        if (_busy is not null || _userId is null)
        {
            return false;
        }

        _busy = key;
        _error = null;
        _canceledByEdit = null;
        try
        {
            var result = await edit(Caller.For(_userId));
            if (result.IsSuccess)
            {
                Snackbar.Add(success, Severity.Success);
            }
            else
            {
                _error = result.Error!.Message;
                Snackbar.Add(_error, Severity.Error);
            }

            await LoadAsync();
            return result.IsSuccess;
        }
        finally
        {
            _busy = null;
        }
    }
}
