using CheckoutConsole.Domain.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.TestSupport;

/// <summary>A scenario with more records than one query page holds: new carts for one buyer, made by the domain service.</summary>
public static class ManyCarts
{
    public static async Task CreateAsync(IServiceProvider services, string userId, string storeId, string accountId, int count)
    {
        var carts = services.GetRequiredService<CartService>();
        for (var i = 0; i < count; i++)
        {
            var result = await carts.CreateCartAsync(Caller.For(userId), storeId, accountId);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"Creating cart {i + 1} of {count} failed: {result.Error!.Message}");
            }
        }
    }
}
