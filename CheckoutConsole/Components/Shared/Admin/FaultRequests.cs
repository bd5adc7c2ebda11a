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
    public static void Apply(this Domain.Faults.FaultInjector injector, FaultSwitchChange change)
    {
        switch (change.Switch)
        {
            case FaultSwitch.FailSessionCreation:
                injector.SetFailSessionCreation(change.On);
                break;
            case FaultSwitch.FailOrderSummaryCreation:
                injector.SetFailOrderSummaryCreation(change.On);
                break;
            case FaultSwitch.CreateSummaryBeforeActivation:
                injector.SetCreateSummaryBeforeActivation(change.On);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Switch, "Unknown fault switch.");
        }
    }
}
