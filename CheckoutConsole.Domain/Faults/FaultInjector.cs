using CheckoutConsole.Domain.Live;

namespace CheckoutConsole.Domain.Faults;

/// <summary>The faults' names, as the control API's JSON and the timeline's fault lines spell them.</summary>
public static class FaultNames
{
    public const string FailNextTasks = "failNextTasks";
    public const string TaskDelayMs = "taskDelayMs";
    public const string FailSessionCreation = "failSessionCreation";
    public const string FailOrderSummaryCreation = "failOrderSummaryCreation";
    public const string CreateSummaryBeforeActivation = "createSummaryBeforeActivation";

    public static IReadOnlyList<string> All { get; } =
        [FailNextTasks, TaskDelayMs, FailSessionCreation, FailOrderSummaryCreation, CreateSummaryBeforeActivation];
}

public sealed record FaultState(
    IReadOnlyDictionary<string, int> FailNextTasks,
    int TaskDelayMs,
    bool FailSessionCreation,
    bool FailOrderSummaryCreation,
    bool CreateSummaryBeforeActivation)
{
    public bool Any => FailNextTasks.Count > 0 || TaskDelayMs > 0 || FailSessionCreation || FailOrderSummaryCreation || CreateSummaryBeforeActivation;

    public IEnumerable<string> Describe()
    {
        foreach (var (type, count) in FailNextTasks)
        {
            yield return count == 1 ? $"the next {type} task fails" : $"the next {count} {type} tasks fail";
        }

        if (TaskDelayMs > 0)
        {
            yield return $"tasks are delayed by {TaskDelayMs} ms";
        }

        if (FailSessionCreation)
        {
            yield return "checkout session creation fails";
        }

        if (FailOrderSummaryCreation)
        {
            yield return "order summary creation fails";
        }

        if (CreateSummaryBeforeActivation)
        {
            yield return "another process creates the order summary just before activation";
        }
    }
}

/// <summary>Admin switches that make the flow fail on purpose, so every error row can be reached.</summary>
public sealed class FaultInjector(CheckoutChangeFeed feed, TimeProvider clock)
{
    public const int MaxDelayMs = 600_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _failNext = new(StringComparer.Ordinal);
    private int _taskDelayMs;
    private bool _failSessionCreation;
    private bool _failOrderSummaryCreation;
    private bool _createSummaryBeforeActivation;

    public FaultState Current
    {
        get
        {
            lock (_lock)
            {
                return new FaultState(new Dictionary<string, int>(_failNext), _taskDelayMs, _failSessionCreation,
                    _failOrderSummaryCreation, _createSummaryBeforeActivation);
            }
        }
    }

    public int TaskDelayMs
    {
        get { lock (_lock) { return _taskDelayMs; } }
    }

    public void FailNextTask(string operationType, int count = 1) =>
        Change(() => _failNext[operationType] = _failNext.GetValueOrDefault(operationType) + Math.Max(1, count));

    public void SetTaskDelay(int milliseconds) => Change(() => _taskDelayMs = Math.Clamp(milliseconds, 0, MaxDelayMs));

    public void SetFailSessionCreation(bool on) => Change(() => _failSessionCreation = on);

    public void SetFailOrderSummaryCreation(bool on) => Change(() => _failOrderSummaryCreation = on);

    public void SetCreateSummaryBeforeActivation(bool on) => Change(() => _createSummaryBeforeActivation = on);

    /// <summary>Every switch at once, as the control API's PUT sets them.</summary>
    public void Replace(FaultState state) => Change(() =>
    {
        _failNext.Clear();
        foreach (var (type, count) in state.FailNextTasks)
        {
            _failNext[type] = Math.Max(1, count);
        }

        _taskDelayMs = Math.Clamp(state.TaskDelayMs, 0, MaxDelayMs);
        _failSessionCreation = state.FailSessionCreation;
        _failOrderSummaryCreation = state.FailOrderSummaryCreation;
        _createSummaryBeforeActivation = state.CreateSummaryBeforeActivation;
    });

    public void ClearAll() => Change(() =>
    {
        _failNext.Clear();
        _taskDelayMs = 0;
        _failSessionCreation = false;
        _failOrderSummaryCreation = false;
        _createSummaryBeforeActivation = false;
    });

    /// <summary>True (once per armed failure) when the next task of this type must fail.</summary>
    public bool TakeTaskFailure(string operationType)
    {
        bool taken;
        lock (_lock)
        {
            taken = _failNext.TryGetValue(operationType, out var count) && count > 0;
            if (taken)
            {
                if (count == 1)
                {
                    _failNext.Remove(operationType);
                }
                else
                {
                    _failNext[operationType] = count - 1;
                }
            }
        }

        if (taken)
        {
            Publish();
        }

        return taken;
    }

    public bool ShouldFailSessionCreation
    {
        get { lock (_lock) { return _failSessionCreation; } }
    }

    public bool ShouldFailOrderSummaryCreation
    {
        get { lock (_lock) { return _failOrderSummaryCreation; } }
    }

    public bool ShouldCreateSummaryBeforeActivation
    {
        get { lock (_lock) { return _createSummaryBeforeActivation; } }
    }

    private void Change(Action change)
    {
        lock (_lock)
        {
            change();
        }

        Publish();
    }

    private void Publish() => feed.Publish(new CheckoutChange(null, null, ChangeKinds.Faults, clock.GetUtcNow().UtcDateTime));
}
