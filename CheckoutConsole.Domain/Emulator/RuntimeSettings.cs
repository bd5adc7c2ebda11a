using System.Text.Json;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>The settings that may change while the emulator runs: task latency and the tasks' pricing rules.</summary>
public sealed record LiveSettings(
    int TaskLatencyMs,
    IReadOnlyDictionary<string, int> TaskLatencyByType,
    decimal TaxRate,
    decimal ShippingBaseCharge,
    decimal ShippingPerUnit,
    decimal FreeShippingThreshold,
    int VolumeDiscountQuantity,
    decimal VolumeDiscountRate)
{
    public const int MaxLatencyMs = 600_000;

    public int LatencyFor(string operationType) =>
        TaskLatencyByType.TryGetValue(operationType, out var ms) ? ms : TaskLatencyMs;

    public static LiveSettings From(CheckoutOptions options) => new(
        options.TaskLatencyMs,
        new Dictionary<string, int>(options.TaskLatencyByType, StringComparer.Ordinal),
        options.TaxRate,
        options.ShippingBaseCharge,
        options.ShippingPerUnit,
        options.FreeShippingThreshold,
        options.VolumeDiscountQuantity,
        options.VolumeDiscountRate);
}

/// <summary>
/// The live settings, starting from configuration (Checkout:…) and changed by the control API;
/// a reset brings back the configured values. Every change is published on the change feed. In
/// team mode the changed values live in the shared database (none stored: each instance's
/// configuration), and the other instances read them again when they hear of a change.
/// </summary>
public sealed class RuntimeSettings(IOptions<CheckoutOptions> options, CheckoutChangeFeed feed, TimeProvider clock, IEmulatorStateStore? store = null)
{
    public const string StateKey = "settings";

    private static readonly string[] Fields =
    [
        "taskLatencyMs", "taskLatencyByType", "taxRate", "shippingBaseCharge", "shippingPerUnit",
        "freeShippingThreshold", "volumeDiscountQuantity", "volumeDiscountRate",
    ];

    // Null: as configured.
    private readonly SharedSwitch<LiveSettings?> _changed = new(StateKey,
        text => text is null ? null : JsonSerializer.Deserialize<LiveSettings>(text),
        settings => settings is null ? null : JsonSerializer.Serialize(settings),
        store);

    private LiveSettings? _configured;

    public LiveSettings Configured => _configured ??= LiveSettings.From(options.Value);

    public LiveSettings Current => _changed.Value ?? Configured;

    /// <summary>
    /// Applies a JSON merge patch: the fields given change, the others stay; in taskLatencyByType a
    /// task type set to null goes back to taskLatencyMs. Nothing changes unless every field is valid.
    /// </summary>
    public async Task<EmulatorProblem?> PatchAsync(JsonElement patch, CancellationToken ct = default)
    {
        EmulatorProblem? problem = null;
        await _changed.ChangeAsync(current =>
        {
            try
            {
                problem = null;
                return (true, Read(JsonAt.Root(patch).Object(Fields), current ?? Configured));
            }
            catch (EmulatorJsonException ex)
            {
                problem = ex.Problem;
                return (false, current);
            }
        }, ct);

        if (problem is null)
        {
            Publish();
        }

        return problem;
    }

    public async Task RestoreConfiguredAsync(CancellationToken ct = default)
    {
        await _changed.ChangeAsync(_ => (true, null), ct);
        Publish();
    }

    /// <summary>Team mode: another instance changed the settings.</summary>
    public Task ReloadAsync(CancellationToken ct = default) => _changed.ReloadAsync(ct);

    private static LiveSettings Read(JsonAt patch, LiveSettings current)
    {
        var byType = new Dictionary<string, int>(current.TaskLatencyByType, StringComparer.Ordinal);
        var types = patch.Property("taskLatencyByType");
        if (!types.IsMissing)
        {
            foreach (var property in types.Properties())
            {
                var entry = new JsonAt(property.Value, $"{types.Path}.{property.Name}");
                if (!OperationTypes.All.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw entry.Fail($"unknown task type '{JsonAt.Clip(property.Name)}'; expected one of {string.Join(", ", OperationTypes.All)}");
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    byType.Remove(property.Name);
                }
                else
                {
                    byType[property.Name] = entry.Int(0, LiveSettings.MaxLatencyMs);
                }
            }
        }

        return new LiveSettings(
            patch.Property("taskLatencyMs").OptionalInt(0, LiveSettings.MaxLatencyMs) ?? current.TaskLatencyMs,
            byType,
            Optional(patch.Property("taxRate"), 0m, 1m) ?? current.TaxRate,
            Optional(patch.Property("shippingBaseCharge"), 0m, 1_000_000m) ?? current.ShippingBaseCharge,
            Optional(patch.Property("shippingPerUnit"), 0m, 1_000_000m) ?? current.ShippingPerUnit,
            Optional(patch.Property("freeShippingThreshold"), 0m, 1_000_000_000m) ?? current.FreeShippingThreshold,
            patch.Property("volumeDiscountQuantity").OptionalInt(1, 10_000) ?? current.VolumeDiscountQuantity,
            Optional(patch.Property("volumeDiscountRate"), 0m, 1m) ?? current.VolumeDiscountRate);
    }

    private static decimal? Optional(JsonAt value, decimal min, decimal max) => value.IsMissing ? null : value.Decimal(min, max);

    private void Publish() => feed.Publish(new CheckoutChange(null, null, ChangeKinds.Settings, clock.GetUtcNow().UtcDateTime));
}
