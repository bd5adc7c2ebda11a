namespace CheckoutConsole.Domain.Services;

public sealed class CheckoutOptions
{
    public const string SectionName = "Checkout";

    /// <summary>Simulated task latency, so a person can watch the processing state; 0 in tests.</summary>
    public int TaskLatencyMs { get; set; } = 1000;

    /// <summary>Per task type (e.g. "Inventory": 2000), overriding TaskLatencyMs.</summary>
    public Dictionary<string, int> TaskLatencyByType { get; set; } = [];

    public decimal TaxRate { get; set; } = 0.08m;
    public decimal ShippingBaseCharge { get; set; } = 15m;
    public decimal ShippingPerUnit { get; set; } = 0.5m;
    public decimal FreeShippingThreshold { get; set; } = 1000m;
    public int VolumeDiscountQuantity { get; set; } = 10;
    public decimal VolumeDiscountRate { get; set; } = 0.10m;

    public int Workers { get; set; } = 4;
    public int QueueCapacity { get; set; } = 1000;
    public int ExpirySweepSeconds { get; set; } = 30;

    /// <summary>
    /// Team mode: how long an instance's claim on a running task lasts without renewal. The runner
    /// renews it every third of this; when an instance dies, another takes the task over once it lapses.
    /// </summary>
    public int OperationLeaseSeconds { get; set; } = 30;

    public int LatencyFor(string operationType) =>
        TaskLatencyByType.TryGetValue(operationType, out var ms) ? ms : TaskLatencyMs;
}
