namespace CheckoutConsole.Components.Shared.Admin;

public enum FaultSwitch
{
    FailSessionCreation,
    FailOrderSummaryCreation,
    CreateSummaryBeforeActivation,
}

public sealed record FailNextTaskRequest(string TaskType, int Count);

public sealed record FaultSwitchChange(FaultSwitch Switch, bool On);

public static class FaultSwitchExtensions
{
    public static Task ApplyAsync(this Domain.Faults.FaultInjector injector, FaultSwitchChange change) => change.Switch switch
    {
        FaultSwitch.FailSessionCreation => injector.SetFailSessionCreationAsync(change.On),
        FaultSwitch.FailOrderSummaryCreation => injector.SetFailOrderSummaryCreationAsync(change.On),
        FaultSwitch.CreateSummaryBeforeActivation => injector.SetCreateSummaryBeforeActivationAsync(change.On),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Switch, "Unknown fault switch."),
    };
}
