namespace CheckoutConsole.Domain.Services;

/// <summary>Who invokes an action, and the request id that ties its timeline entries together.</summary>
public sealed record Caller(string UserId, string RequestId)
{
    public static Caller For(string userId) => new(userId, NewRequestId());

    public static string NewRequestId() => Guid.NewGuid().ToString("N")[..12];
}

/// <summary>Who a change is attributed to in the timeline, and why it happened.</summary>
public sealed record Audit(string Actor, string? RequestId, string Cause)
{
    public static Audit System(string cause) => new("system", null, cause);
}
