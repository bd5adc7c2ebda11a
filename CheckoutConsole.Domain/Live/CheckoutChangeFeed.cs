namespace CheckoutConsole.Domain.Live;

[Flags]
public enum ChangeKinds
{
    None = 0,
    Cart = 1,
    Session = 2,
    Validation = 4,
    Operation = 8,
    Order = 16,
    Timeline = 32,
    Faults = 64,

    /// <summary>Users, accounts, stores, memberships or shares changed (see AccessDirectory).</summary>
    Directory = 128,
}

public sealed record CheckoutChange(string? CartId, string? SessionId, ChangeKinds Kinds, DateTime At)
{
    public const ChangeKinds AllKinds = ChangeKinds.Cart | ChangeKinds.Session | ChangeKinds.Validation | ChangeKinds.Operation
        | ChangeKinds.Order | ChangeKinds.Timeline | ChangeKinds.Faults;

    /// <summary>Team mode: made on another console instance and relayed here (so it isn't relayed back).</summary>
    public bool FromOtherInstance { get; init; }

    /// <summary>Anything may have changed (changes may have been missed): every page re-reads.</summary>
    public bool IsResync { get; init; }

    public static CheckoutChange Resync(DateTime at) => new(null, null, AllKinds, at) { IsResync = true };
}

/// <summary>
/// Publishes every change after it is saved. Subscribers (open pages, one per circuit) must not
/// block: the publisher never waits for other circuits' renders, and a failing subscriber cannot
/// stop the others from hearing about the change.
/// </summary>
public sealed class CheckoutChangeFeed
{
    private readonly Lock _lock = new();
    private ImmutableSubscribers _subscribers = new([]);

    public int SubscriberCount => _subscribers.Handlers.Length;

    public IDisposable Subscribe(Action<CheckoutChange> handler)
    {
        lock (_lock)
        {
            _subscribers = new([.. _subscribers.Handlers, handler]);
        }

        return new Subscription(this, handler);
    }

    public void Publish(CheckoutChange change)
    {
        foreach (var handler in _subscribers.Handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception)
            {
                // A subscriber's failure is its own (components report through DispatchExceptionAsync).
            }
        }
    }

    private void Unsubscribe(Action<CheckoutChange> handler)
    {
        lock (_lock)
        {
            _subscribers = new([.. _subscribers.Handlers.Where(h => h != handler)]);
        }
    }

    private sealed record ImmutableSubscribers(Action<CheckoutChange>[] Handlers);

    private sealed class Subscription(CheckoutChangeFeed feed, Action<CheckoutChange> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unsubscribe(handler);
            }
        }
    }
}
