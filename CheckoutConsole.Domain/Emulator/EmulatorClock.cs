using System.Globalization;
using CheckoutConsole.Domain.Live;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>
/// The emulator's own time: the wall clock plus an offset that a test moves forward (or, never past
/// recorded data, back) through the control API. Every domain timestamp, expiry and token lifetime
/// reads it, since the domain's <see cref="TimeProvider"/> is this clock. The offset is the whole
/// state: in team mode the shared database holds it, so every instance tells the same time.
/// </summary>
public sealed class EmulatorClock(TimeProvider wall, CheckoutChangeFeed feed, IEmulatorStateStore? store = null) : TimeProvider
{
    /// <summary>The key under which the wall clock (the system's, or a test's) is registered.</summary>
    public const string WallClockKey = "wall-clock";

    public const string StateKey = "clock";

    private readonly SharedSwitch<long> _offsetTicks = new(StateKey,
        text => text is null ? 0 : long.Parse(text, CultureInfo.InvariantCulture),
        ticks => ticks == 0 ? null : ticks.ToString(CultureInfo.InvariantCulture),
        store);

    public TimeProvider Wall => wall;

    public TimeSpan Offset => TimeSpan.FromTicks(_offsetTicks.Value);

    public bool IsWallClock => Offset == TimeSpan.Zero;

    public override DateTimeOffset GetUtcNow() => wall.GetUtcNow() + Offset;

    public override long GetTimestamp() => wall.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => wall.LocalTimeZone;

    public override long TimestampFrequency => wall.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        wall.CreateTimer(callback, state, dueTime, period);

    /// <summary>Sets the emulator time to <paramref name="now"/>; the caller has checked it against recorded data.</summary>
    internal Task MoveToAsync(DateTimeOffset now, CancellationToken ct = default) => SetOffsetAsync(now - wall.GetUtcNow(), ct);

    public Task BackToWallClockAsync(CancellationToken ct = default) => SetOffsetAsync(TimeSpan.Zero, ct);

    /// <summary>Team mode: another instance moved the clock.</summary>
    public Task ReloadAsync(CancellationToken ct = default) => _offsetTicks.ReloadAsync(ct);

    private async Task SetOffsetAsync(TimeSpan offset, CancellationToken ct)
    {
        await _offsetTicks.ChangeAsync(_ => (true, offset.Ticks), ct);
        feed.Publish(new CheckoutChange(null, null, ChangeKinds.Clock, GetUtcNow().UtcDateTime));
    }
}
