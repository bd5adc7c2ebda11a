using System.Globalization;
using System.Text.Json;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Emulator;

public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>A scenario file to start from (and reset to) instead of the demo data: <c>--scenario=path.json</c>.</summary>
    public string? ScenarioFile { get; set; }
}

/// <summary>
/// The emulator as a test suite drives it: reset the world, load a scenario, move the clock. Faults
/// and settings have their own services (FaultInjector, RuntimeSettings); a reset restores them.
/// </summary>
public sealed class EmulatorControl(
    CheckoutStore store,
    IdSequences ids,
    FaultInjector faults,
    RuntimeSettings settings,
    EmulatorClock clock,
    AccessDirectory directory,
    IAccessTokenStore tokens,
    OperationQueue queue,
    IOptions<EmulatorOptions> options,
    IEmulatorStateStore? stateStore = null)
{
    public const int MaxAdvanceMinutes = 525_600;
    public const string ScenarioStateKey = "scenario";

    private readonly Lazy<Scenario> _start = new(() => StartScenario(options.Value));

    // The scenario loaded through the control API (null: the start one), as its JSON and read.
    private readonly SharedSwitch<LoadedScenario?> _loaded = new(ScenarioStateKey,
        text => text is null ? null : new LoadedScenario(text, Scenario.Parse(text).Scenario!),
        loaded => loaded?.Json,
        stateStore);

    /// <summary>The world a reset returns to: the loaded scenario, or the start one (--scenario or the demo data).</summary>
    public Scenario Scenario => _loaded.Value?.Scenario ?? _start.Value;

    /// <summary>
    /// The world back to its start: the scenario's records with fresh id sequences (so ids repeat),
    /// no timeline, configured faults and settings, the wall clock. Users keep their ids, so their
    /// tokens stay valid. Running tasks of the old world stop; open pages re-read.
    /// </summary>
    public async Task ResetAsync(CancellationToken ct = default)
    {
        var scenario = Scenario;
        await clock.BackToWallClockAsync(ct);
        await faults.ClearAllAsync(ct);
        await settings.RestoreConfiguredAsync(ct);
        while (queue.Reader.TryRead(out _))
        {
            // Operations of the old world: nothing to run.
        }

        var now = store.Now;
        await store.ReplaceWorldAsync(async db =>
        {
            // The scenario is numbered from 1 here, so its ids repeat; then every sequence (in team mode,
            // the database's) continues after them, before any request of the new world can take one.
            var written = new IdSequences();
            ScenarioWriter.AddTo(db, written, scenario, now);
            await ids.RestartAfterAsync(written, ct);
        }, ct);
        directory.Invalidate();

        // API tokens stay with their usernames: a user of the new world keeps its token, a user that is gone loses it.
        await using var db = store.CreateContext();
        await tokens.FollowUsersAsync(await db.Users.AsNoTracking().ToListAsync(ct), ct);
    }

    /// <summary>Checks the scenario and, when it is valid, makes it the world (and the one resets return to).</summary>
    public async Task<EmulatorProblem?> LoadScenarioAsync(JsonElement document, CancellationToken ct = default)
    {
        var (scenario, problem) = Scenario.Read(document);
        if (problem is not null)
        {
            return problem;
        }

        await _loaded.ChangeAsync(_ => (true, new LoadedScenario(document.GetRawText(), scenario!)), ct);
        await ResetAsync(ct);
        return null;
    }

    public ClockView Clock => new(clock.GetUtcNow(), clock.Wall.GetUtcNow(), clock.IsWallClock);

    /// <summary>
    /// <c>{"advanceMinutes": n}</c> or <c>{"now": "…"}</c>. Time may go back, but never before the
    /// latest timeline record: recorded data never appears to come from the future.
    /// </summary>
    public async Task<EmulatorProblem?> SetClockAsync(JsonElement document, CancellationToken ct = default)
    {
        DateTimeOffset target;
        string path;
        try
        {
            var root = JsonAt.Root(document).Object("advanceMinutes", "now");
            var advance = root.Property("advanceMinutes");
            var now = root.Property("now");
            if (advance.IsMissing == now.IsMissing)
            {
                return new EmulatorProblem("$", "expected exactly one of 'advanceMinutes' (a whole number of minutes) or 'now' (an ISO 8601 time)");
            }

            if (!advance.IsMissing)
            {
                target = clock.GetUtcNow().AddMinutes(advance.Int(1, MaxAdvanceMinutes));
                path = advance.Path;
            }
            else
            {
                target = ReadTime(now);
                path = now.Path;
            }
        }
        catch (EmulatorJsonException ex)
        {
            return ex.Problem;
        }

        var latest = await LatestRecordAsync(ct);
        if (latest is { } recorded && target < recorded)
        {
            return new EmulatorProblem(path,
                $"the clock can't go back past recorded data: the latest timeline record is at {Iso(recorded)}; expected a time at or after it, found {Iso(target)}");
        }

        await clock.MoveToAsync(target, ct);
        return null;
    }

    private DateTimeOffset ReadTime(JsonAt value)
    {
        var text = value.String(64);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw value.Fail($"expected an ISO 8601 time such as 2026-12-01T09:00:00Z, found '{JsonAt.Clip(text)}'");
        }

        var wall = clock.Wall.GetUtcNow();
        if (Math.Abs((time - wall).TotalDays) > 3_650)
        {
            throw value.Fail($"expected a time within ten years of the wall clock ({Iso(wall)}), found {Iso(time)}");
        }

        return time;
    }

    private async Task<DateTimeOffset?> LatestRecordAsync(CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var latest = await db.Timeline.OrderByDescending(e => e.Id).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(ct);
        return latest is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static Scenario StartScenario(EmulatorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ScenarioFile))
        {
            return DemoData.Scenario;
        }

        if (!File.Exists(options.ScenarioFile))
        {
            throw new InvalidOperationException($"--scenario: the file '{options.ScenarioFile}' doesn't exist; expected a scenario JSON file (see the README).");
        }

        var (scenario, problem) = Scenario.Parse(File.ReadAllText(options.ScenarioFile));
        return scenario ?? throw new InvalidOperationException($"--scenario: {options.ScenarioFile} isn't a valid scenario: {problem}");
    }

    /// <summary>Team mode: another instance loaded a scenario (or reset to it).</summary>
    public Task ReloadScenarioAsync(CancellationToken ct = default) => _loaded.ReloadAsync(ct);

    private sealed record LoadedScenario(string Json, Scenario Scenario);
}

public sealed record ClockView(DateTimeOffset Now, DateTimeOffset WallClock, bool IsWallClock);
