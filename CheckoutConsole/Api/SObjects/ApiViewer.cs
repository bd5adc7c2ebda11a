using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Api.SObjects;

/// <summary>
/// What a caller may read. Integrators and admins see everything; anyone else sees the carts they
/// own or that are shared with them and everything hanging off those carts, their own user, the
/// accounts they buy for, and every store and product.
/// </summary>
public sealed class ApiViewer
{
    private ApiViewer(User user, string[] cartIds)
    {
        User = user;
        CartIds = cartIds;
    }

    public User User { get; }

    public bool SeesAll => User.ActsOnAnyCart;

    /// <summary>The carts a caller who doesn't see everything may see.</summary>
    public string[] CartIds { get; }

    public string[] AccountIds => [.. User.BuysFor];

    public static async Task<ApiViewer> LoadAsync(CheckoutDbContext db, User user, CancellationToken ct)
    {
        if (user.ActsOnAnyCart)
        {
            return new ApiViewer(user, []);
        }

        var shared = db.CartShares.Where(s => s.UserId == user.Id).Select(s => s.CartId);
        var cartIds = await db.Carts.AsNoTracking()
            .Where(c => c.OwnerId == user.Id || shared.Contains(c.Id))
            .Select(c => c.Id)
            .ToArrayAsync(ct);
        return new ApiViewer(user, cartIds);
    }
}
