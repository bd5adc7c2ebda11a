using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CheckoutConsole.Domain.Data;

/// <summary>
/// The lookups every action makes, compiled once per model: EF skips translating the expression on
/// each call, which is most of a lookup's cost on the InMemory provider. A compiled query is bound
/// to the model it first ran with, and each provider has its own model, hence one set per model.
/// </summary>
public sealed class CompiledQueries
{
    private static readonly ConditionalWeakTable<IModel, CompiledQueries> ByModel = [];

    public static CompiledQueries For(CheckoutDbContext db) => ByModel.GetValue(db.Model, _ => new CompiledQueries());

    // Every REST call checks its token's user against the database (a removed user or a changed password signs it out).
    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<User?>> User =
        EF.CompileAsyncQuery((CheckoutDbContext db, string id, CancellationToken ct) =>
            db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<WebCart?>> Cart =
        EF.CompileAsyncQuery((CheckoutDbContext db, string id, CancellationToken ct) =>
            db.Carts.IgnoreAutoIncludes().FirstOrDefault(c => c.Id == id));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<WebCart?>> CartWithItems =
        EF.CompileAsyncQuery((CheckoutDbContext db, string id, CancellationToken ct) =>
            db.Carts.FirstOrDefault(c => c.Id == id));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<CartCheckoutSession?>> Session =
        EF.CompileAsyncQuery((CheckoutDbContext db, string id, CancellationToken ct) =>
            db.Sessions.FirstOrDefault(s => s.Id == id));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<CartCheckoutSession?>> OpenSession =
        EF.CompileAsyncQuery((CheckoutDbContext db, string cartId, CancellationToken ct) =>
            db.Sessions.FirstOrDefault(s => s.WebCartId == cartId && !s.IsArchived));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<bool>> HasOpenOperation =
        EF.CompileAsyncQuery((CheckoutDbContext db, string cartId, CancellationToken ct) =>
            db.Operations.Any(o => o.CartId == cartId && (o.Status == OperationStatuses.New || o.Status == OperationStatuses.Running)));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<BackgroundOperation?>> Operation =
        EF.CompileAsyncQuery((CheckoutDbContext db, string id, CancellationToken ct) =>
            db.Operations.FirstOrDefault(o => o.Id == id));

    public readonly Func<CheckoutDbContext, string, IAsyncEnumerable<BackgroundOperation>> OpenOperations =
        EF.CompileAsyncQuery((CheckoutDbContext db, string cartId) =>
            db.Operations.Where(o => o.CartId == cartId && (o.Status == OperationStatuses.New || o.Status == OperationStatuses.Running)));

    public readonly Func<CheckoutDbContext, string, IAsyncEnumerable<CartValidationOutput>> ErrorOutputs =
        EF.CompileAsyncQuery((CheckoutDbContext db, string cartId) =>
            db.ValidationOutputs.Where(o => o.CartId == cartId && o.Level == ValidationLevels.Error));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<int>> UndismissedErrorCount =
        EF.CompileAsyncQuery((CheckoutDbContext db, string cartId, CancellationToken ct) =>
            db.ValidationOutputs.Count(o => o.CartId == cartId && o.Level == ValidationLevels.Error && !o.IsDismissed));

    // An order's lines are never needed to check or change its status.
    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<Order?>> Order =
        EF.CompileAsyncQuery((CheckoutDbContext db, string id, CancellationToken ct) =>
            db.Orders.IgnoreAutoIncludes().FirstOrDefault(o => o.Id == id));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<Order?>> OrderOfSession =
        EF.CompileAsyncQuery((CheckoutDbContext db, string sessionId, CancellationToken ct) =>
            db.Orders.IgnoreAutoIncludes().FirstOrDefault(o => o.CheckoutSessionId == sessionId));

    public readonly Func<CheckoutDbContext, string, CancellationToken, Task<bool>> HasSummary =
        EF.CompileAsyncQuery((CheckoutDbContext db, string orderId, CancellationToken ct) =>
            db.OrderSummaries.Any(s => s.OriginalOrderId == orderId));
}
