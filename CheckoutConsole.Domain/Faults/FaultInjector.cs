using System.Text.Json;
using CheckoutConsole.Domain.Emulator;
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
    public static FaultState None { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), 0, false, false, false);

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

/// <summary>
/// Admin switches that make the flow fail on purpose, so every error row can be reached. Read from
/// memory on every action; in team mode every change goes through the shared database first (a
/// fault armed for one task fires once in the whole team) and the other instances read it again.
/// </summary>
public sealed class FaultInjector(CheckoutChangeFeed feed, TimeProvider clock, IEmulatorStateStore? store = null)
{
    public const int MaxDelayMs = 600_000;
    public const string StateKey = "faults";

    private static readonly JsonSerializerOptions Json = new() { IgnoreReadOnlyProperties = true };

    private readonly SharedSwitch<FaultState> _state = new(StateKey,
        text => text is null ? FaultState.None : JsonSerializer.Deserialize<FaultState>(text, Json) ?? FaultState.None,
        state => state.Any ? JsonSerializer.Serialize(state, Json) : null,
        store);

    public FaultState Current => _state.Value;

    public int TaskDelayMs => _state.Value.TaskDelayMs;

    public bool ShouldFailSessionCreation => _state.Value.FailSessionCreation;

    public bool ShouldFailOrderSummaryCreation => _state.Value.FailOrderSummaryCreation;

    public bool ShouldCreateSummaryBeforeActivation => _state.Value.CreateSummaryBeforeActivation;

    public Task FailNextTaskAsync(string operationType, int count = 1, CancellationToken ct = default) =>
        ChangeAsync(s => s with { FailNextTasks = WithCount(s.FailNextTasks, operationType, s.FailNextTasks.GetValueOrDefault(operationType) + Math.Max(1, count)) }, ct);

    public Task SetTaskDelayAsync(int milliseconds, CancellationToken ct = default) =>
        ChangeAsync(s => s with { TaskDelayMs = Math.Clamp(milliseconds, 0, MaxDelayMs) }, ct);

    public Task SetFailSessionCreationAsync(bool on, CancellationToken ct = default) => ChangeAsync(s => s with { FailSessionCreation = on }, ct);

    public Task SetFailOrderSummaryCreationAsync(bool on, CancellationToken ct = default) => ChangeAsync(s => s with { FailOrderSummaryCreation = on }, ct);

    public Task SetCreateSummaryBeforeActivationAsync(bool on, CancellationToken ct = default) => ChangeAsync(s => s with { CreateSummaryBeforeActivation = on }, ct);

    /// <summary>Every switch at once, as the control API's PUT sets them.</summary>
    public Task ReplaceAsync(FaultState state, CancellationToken ct = default) => ChangeAsync(_ => new FaultState(
        state.FailNextTasks.ToDictionary(f => f.Key, f => Math.Max(1, f.Value), StringComparer.Ordinal),
        Math.Clamp(state.TaskDelayMs, 0, MaxDelayMs),
        state.FailSessionCreation,
        state.FailOrderSummaryCreation,
        state.CreateSummaryBeforeActivation), ct);

    public Task ClearAllAsync(CancellationToken ct = default) => ChangeAsync(_ => FaultState.None, ct);

    /// <summary>
    /// True (once per armed failure, across every instance in team mode) when the next task of this
    /// type must fail. Nothing armed for the type: answered from memory.
    /// </summary>
    public async Task<bool> TakeTaskFailureAsync(string operationType, CancellationToken ct = default)
    {
        if (!_state.Value.FailNextTasks.ContainsKey(operationType))
        {
            return false;
        }

        var taken = await _state.ChangeAsync(s => s.FailNextTasks.TryGetValue(operationType, out var count) && count > 0
            ? (true, s with { FailNextTasks = WithCount(s.FailNextTasks, operationType, count - 1) })
            : (false, s), ct);
        if (taken)
        {
            Publish();
        }

        return taken;
    }

    /// <summary>Team mode: another instance changed the faults.</summary>
    public Task ReloadAsync(CancellationToken ct = default) => _state.ReloadAsync(ct);

    private async Task ChangeAsync(Func<FaultState, FaultState> change, CancellationToken ct)
    {
        await _state.ChangeAsync(s => (true, change(s)), ct);
        Publish();
    }

    private static Dictionary<string, int> WithCount(IReadOnlyDictionary<string, int> counts, string operationType, int count)
    {
        var next = new Dictionary<string, int>(counts, StringComparer.Ordinal);
        if (count > 0)
        {
            next[operationType] = count;
        }
        else
        {
            next.Remove(operationType);
        }

        return next;
    }

    private void Publish() => feed.Publish(new CheckoutChange(null, null, ChangeKinds.Faults, clock.GetUtcNow().UtcDateTime));
}
