using System.Text.Json;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>An injected fault a recorded call depended on: re-created just before the call on replay.</summary>
public sealed record RecordedFault(string Name, string? TaskType);

/// <summary>
/// One recorded action call: who made it, the action and its inputs as recorded, and its outcome
/// ("Success" or the error code, with the HTTP status). <see cref="CreatesSession"/> marks the call
/// whose requestId later calls refer to as <see cref="SessionVariable"/>.
/// </summary>
public sealed record RecordedCall(
    string Actor,
    string Action,
    IReadOnlyList<KeyValuePair<string, JsonElement>> Inputs,
    string Outcome,
    int HttpStatus,
    string? CreatesSession,
    IReadOnlyList<RecordedFault> Faults)
{
    public bool IsSuccess => Outcome == "Success";

    /// <summary>The recorded session id an input refers to, when it was created earlier in the recording.</summary>
    public string? SessionVariableFor(string inputName, IReadOnlyDictionary<string, string> sessionVariables) =>
        Inputs.FirstOrDefault(i => i.Key == inputName).Value is { ValueKind: JsonValueKind.String } value
        && sessionVariables.TryGetValue(value.GetString()!, out var variable)
            ? variable
            : null;
}

/// <summary>
/// A cart's recorded action calls, in order, with what a replay needs: the users who made them and
/// their passwords (from the loaded scenario) and the admin who resets the emulator first.
/// </summary>
public sealed record CartRecording(
    string CartId,
    string CartName,
    IReadOnlyList<RecordedCall> Calls,
    string AdminUsername,
    IReadOnlyDictionary<string, string> Passwords,
    int SkippedCalls)
{
    /// <summary>Recorded session id → the replay's variable name (session1, session2, …).</summary>
    public IReadOnlyDictionary<string, string> SessionVariables { get; } =
        Calls.Where(c => c.CreatesSession is not null).Select(c => c.CreatesSession!).Distinct(StringComparer.Ordinal)
            .Select((id, i) => (id, name: $"session{i + 1}")).ToDictionary(p => p.id, p => p.name, StringComparer.Ordinal);

    public IReadOnlyList<string> Actors => [.. Calls.Select(c => c.Actor).Distinct(StringComparer.Ordinal)];
}

public enum RecordingProblem
{
    None,
    CartNotFound,
    NoAdmin,
    UnknownActor,
    CartNotInScenario,
}

/// <summary>Reads a cart's recording from the timeline, for the user who asks (who must be able to see the cart).</summary>
public sealed class RecordingReader(CheckoutStore store, AccessPolicy policy, EmulatorControl emulator)
{
    public const int MaxCalls = 1_000;

    public async Task<(CartRecording? Recording, RecordingProblem Problem, string Message)> ReadAsync(string userId, string cartId, CancellationToken ct = default)
    {
        var access = await policy.ForUserAsync(userId);
        await using var db = store.CreateContext();
        var cart = await db.Carts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cartId, ct);
        if (cart is null || !access.CanSeeCart(cart))
        {
            return (null, RecordingProblem.CartNotFound, $"No cart {cartId} that you may see.");
        }

        var scenario = emulator.Scenario;
        if (!scenario.HasCart(cart.Id))
        {
            return (null, RecordingProblem.CartNotInScenario,
                $"Cart {cart.Id} ('{cart.Name}') isn't one of the loaded scenario's {scenario.Carts.Count} carts: it was created after the scenario was loaded. "
                + "A replay resets the emulator to the scenario, where this cart doesn't exist; add the cart to a scenario (PUT /emulator/v1/scenario) and export a checkout of it there.");
        }

        var entries = await db.Timeline.AsNoTracking()
            .Where(t => t.CartId == cart.Id && (t.Kind == TimelineKinds.Action || t.ObjectType == TimelineEntry.FaultObject))
            .OrderBy(t => t.Id).Take(MaxCalls * 4).ToListAsync(ct);

        var passwords = scenario.Users.ToDictionary(u => u.Username, u => u.Password, StringComparer.Ordinal);
        var admin = scenario.Users.FirstOrDefault(u => u.Permissions.HasFlag(UserPermissions.ModifyAllData));
        if (admin is null)
        {
            return (null, RecordingProblem.NoAdmin, "The loaded scenario has no user with ModifyAllData, so a replay couldn't reset the emulator.");
        }

        var calls = new List<RecordedCall>();
        var skipped = 0;
        foreach (var entry in entries)
        {
            if (entry.Kind == TimelineKinds.Action)
            {
                if (CheckoutActions.Find(entry.Action) is null || calls.Count == MaxCalls)
                {
                    // Line edits ("cartEdit") aren't invocable actions: the replay starts from the scenario's lines.
                    skipped++;
                    continue;
                }

                if (!passwords.ContainsKey(entry.Actor))
                {
                    return (null, RecordingProblem.UnknownActor,
                        $"The call to {entry.Action} was made by {entry.Actor}, who isn't a user of the loaded scenario; a replay couldn't sign in as them.");
                }

                var created = entry.Action == CheckoutActions.Spec(CheckoutAction.CheckoutSession).ApiName && entry.IsSuccess ? entry.SessionId : null;
                calls.Add(new RecordedCall(entry.Actor, entry.Action!, ParseInputs(entry.Inputs), entry.Outcome ?? "Success", entry.HttpStatus ?? 200, created, []));
            }
            else if (calls.Count > 0 && entry.Field is not null)
            {
                // The fault took effect in the task of the latest call: arm it just before that call.
                var last = calls[^1];
                calls[^1] = last with { Faults = [.. last.Faults, new RecordedFault(entry.Field, entry.After)] };
            }
        }

        return (new CartRecording(cart.Id, cart.Name, calls, admin.Username, passwords, skipped), RecordingProblem.None, "");
    }

    private static List<KeyValuePair<string, JsonElement>> ParseInputs(string? inputs)
    {
        if (string.IsNullOrEmpty(inputs))
        {
            return [];
        }

        using var document = JsonDocument.Parse(inputs);
        return [.. document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            .Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value.Clone()))];
    }
}
