using System.Text.Json;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Operations;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>The faults of the admin fault page as one JSON document (GET and PUT /emulator/v1/faults).</summary>
public static class FaultsDocument
{
    public const int MaxFailNextCount = 1_000;

    public static (FaultState? State, EmulatorProblem? Problem) Read(JsonElement document)
    {
        try
        {
            var root = JsonAt.Root(document).Object([.. FaultNames.All]);
            var failNext = new Dictionary<string, int>(StringComparer.Ordinal);
            var tasks = root.Property(FaultNames.FailNextTasks);
            if (!tasks.IsMissing)
            {
                foreach (var property in tasks.Properties())
                {
                    var entry = new JsonAt(property.Value, $"{tasks.Path}.{property.Name}");
                    if (!OperationTypes.All.Contains(property.Name, StringComparer.Ordinal))
                    {
                        throw entry.Fail($"unknown fault: no task type '{JsonAt.Clip(property.Name)}'; expected one of {string.Join(", ", OperationTypes.All)}");
                    }

                    failNext[property.Name] = entry.Int(1, MaxFailNextCount);
                }
            }

            return (new FaultState(
                failNext,
                root.Property(FaultNames.TaskDelayMs).OptionalInt(0, FaultInjector.MaxDelayMs) ?? 0,
                root.Property(FaultNames.FailSessionCreation).OptionalBool(false),
                root.Property(FaultNames.FailOrderSummaryCreation).OptionalBool(false),
                root.Property(FaultNames.CreateSummaryBeforeActivation).OptionalBool(false)), null);
        }
        catch (EmulatorJsonException ex)
        {
            return (null, ex.Problem);
        }
    }
}
