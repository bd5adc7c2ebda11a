using CheckoutConsole.Domain.Live;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>
/// The emulator's own time: the wall clock plus an offset that a test moves forward (or, never past
/// recorded data, back) through the control API. Every domain timestamp, expiry and token lifetime
/// reads it, since the domain's <see cref="TimeProvider"/> is this clock. The offset is the whole
/// state, so a shared database could hold it.
/// </summary>
public sealed class EmulatorClock(TimeProvider wall, CheckoutChangeFeed feed) : TimeProvider
{
    /// <summary>The key under which the wall clock (the system's, or a test's) is registered.</summary>
    public const string WallClockKey = "wall-clock";

    private long _offsetTicks;

    public TimeProvider Wall => wall;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public bool IsWallClock => Offset == TimeSpan.Zero;

    public override DateTimeOffset GetUtcNow() => wall.GetUtcNow() + Offset;

    public override long GetTimestamp() => wall.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => wall.LocalTimeZone;

    public override long TimestampFrequency => wall.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        wall.CreateTimer(callback, state, dueTime, period);

    /// <summary>Sets the emulator time to <paramref name="now"/>; the caller has checked it against recorded data.</summary>
    internal void MoveTo(DateTimeOffset now) => SetOffset(now - wall.GetUtcNow());

    public void BackToWallClock() => SetOffset(TimeSpan.Zero);

    private void SetOffset(TimeSpan offset)
    {
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        feed.Publish(new CheckoutChange(null, null, ChangeKinds.Clock, GetUtcNow().UtcDateTime));
    }
}
