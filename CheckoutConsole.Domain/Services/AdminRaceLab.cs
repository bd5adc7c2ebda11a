using System.Diagnostics;

namespace CheckoutConsole.Domain.Services;

public sealed record RaceConflictGroup(string Code, int HttpStatus, string Message, int Count);

public sealed record RaceOutcome(
    int Calls,
    string ExpectedState,
    string NextState,
    IReadOnlyList<string> WinnerRequestIds,
    IReadOnlyList<RaceConflictGroup> Failures,
    TimeSpan Elapsed)
{
    public int Winners => WinnerRequestIds.Count;

    public int Failed => Failures.Sum(f => f.Count);
}

/// <summary>
/// Fires many updateCheckoutSessionAction calls at once with the same expected state, as racing
/// flows would; SPEC §5.2 says exactly one of them wins.
/// </summary>
public sealed class AdminRaceLab(CheckoutService service)
{
    public const int MinCalls = 1;
    public const int MaxCalls = 1000;

    public static string? Validate(int? calls) =>
        calls is null or < MinCalls or > MaxCalls ? $"Enter a number of calls from {MinCalls} to {MaxCalls:N0}." : null;

    public async Task<RaceOutcome> RunAsync(string userId, string sessionId, string expectedState, string nextState, int calls, CancellationToken ct = default)
    {
        if (Validate(calls) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(calls), calls, problem);
        }

        var callers = Enumerable.Range(0, calls).Select(_ => Caller.For(userId)).ToList();
        var stopwatch = Stopwatch.StartNew();
        // Task.Run so that every call starts before any finishes its synchronous part.
        var results = await Task.WhenAll(callers.Select(caller =>
            Task.Run(() => service.UpdateCheckoutSessionAsync(caller, sessionId, nextState, expectedState, ct), ct)));
        stopwatch.Stop();

        var winners = callers.Zip(results).Where(x => x.Second.IsSuccess).Select(x => x.First.RequestId).ToList();
        var failures = results.Where(r => !r.IsSuccess)
            .GroupBy(r => (r.Error!.Code, r.Error.HttpStatus, r.Error.Message))
            .Select(g => new RaceConflictGroup(g.Key.Code, g.Key.HttpStatus, g.Key.Message, g.Count()))
            .OrderByDescending(g => g.Count)
            .ToList();
        return new RaceOutcome(calls, expectedState, nextState, winners, failures, stopwatch.Elapsed);
    }
}
