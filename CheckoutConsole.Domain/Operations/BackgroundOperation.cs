using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Operations;

public static class OperationTypes
{
    public const string Inventory = "Inventory";
    public const string Pricing = "Pricing";
    public const string Promotions = "Promotions";
    public const string Shipping = "Shipping";
    public const string Taxes = "Taxes";
    public const string CartToOrder = "CartToOrder";
    public const string ActivateOrder = "ActivateOrder";
    public const string OrderSummary = "OrderSummary";

    public static IReadOnlyList<string> All { get; } =
        [Inventory, Pricing, Promotions, Shipping, Taxes, CartToOrder, ActivateOrder, OrderSummary];

    /// <summary>The tasks that place the order put the cart in Processing while they run.</summary>
    public static bool PlacesOrder(string type) => type is CartToOrder or ActivateOrder;
}

public static class OperationStatuses
{
    public const string New = "New";
    public const string Running = "Running";
    public const string Complete = "Complete";
    public const string Error = "Error";
    public const string Canceled = "Canceled";

    public static IReadOnlyList<string> All { get; } = [New, Running, Complete, Error, Canceled];

    public static bool IsOpen(string status) => status is New or Running;
}

public sealed class BackgroundOperation : IVersioned
{
    private BackgroundOperation() { }

    public string Id { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public string Type { get; private set; } = default!;
    public string Status { get; private set; } = OperationStatuses.New;
    public string? Error { get; private set; }
    public string? ErrorCode { get; private set; }
    public string CartId { get; private set; } = default!;
    public string? CheckoutSessionId { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public int Attempts { get; private set; }
    public int Version { get; set; }

    /// <summary>Team mode: the console instance running the task, until LeaseUntil (database time; see OperationLeases).</summary>
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntil { get; private set; }

    public bool IsOpen => OperationStatuses.IsOpen(Status);

    public static BackgroundOperation Create(string type, string cartId, string? sessionId, DateTime now) =>
        new()
        {
            Id = Ids.New(KeyPrefixes.BackgroundOperation),
            Name = type + " " + now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            Type = type,
            CartId = cartId,
            CheckoutSessionId = sessionId,
            SubmittedAt = now,
        };

    public void Start(DateTime now)
    {
        Status = OperationStatuses.Running;
        StartedAt = now;
        Attempts++;
    }

    public void Complete(DateTime now)
    {
        Status = OperationStatuses.Complete;
        FinishedAt = now;
        Error = null;
        ErrorCode = null;
    }

    public void Fail(string code, string message, DateTime now)
    {
        Status = OperationStatuses.Error;
        ErrorCode = code;
        Error = message;
        FinishedAt = now;
    }

    public void Cancel(DateTime now)
    {
        Status = OperationStatuses.Canceled;
        FinishedAt = now;
    }

    /// <summary>Sends an interrupted or failed operation through the queue again (restart recovery, admin retry).</summary>
    public void Requeue(DateTime now)
    {
        Status = OperationStatuses.New;
        SubmittedAt = now;
        StartedAt = null;
        FinishedAt = null;
        Error = null;
        ErrorCode = null;
    }
}
