using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Api.SObjects;

/// <summary>
/// What a caller may read, as the access policy answers it: integrators and admins see everything;
/// anyone else sees the carts they may see and everything hanging off those carts, their own user,
/// the accounts they buy for, and every store and product.
/// </summary>
public sealed class ApiViewer
{
    private ApiViewer(UserAccess access, string[] cartIds)
    {
        Access = access;
        CartIds = cartIds;
    }

    public UserAccess Access { get; }

    public bool SeesAll => Access.SeesAllCarts;

    /// <summary>The carts a caller who doesn't see everything may see.</summary>
    public string[] CartIds { get; }

    public static async Task<ApiViewer> LoadAsync(CheckoutDbContext db, AccessPolicy policy, User user, CancellationToken ct)
    {
        var access = await policy.ForUserAsync(user.Id);
        if (access.SeesAllCarts)
        {
            return new ApiViewer(access, []);
        }

        var cartIds = await access.VisibleCarts(db.Carts.AsNoTracking()).Select(c => c.Id).ToArrayAsync(ct);
        return new ApiViewer(access, cartIds);
    }
}
