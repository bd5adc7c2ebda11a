namespace CheckoutConsole.Api.Limits;

public sealed record LimitValue(
    [property: System.Text.Json.Serialization.JsonPropertyName("Max")] int Max,
    [property: System.Text.Json.Serialization.JsonPropertyName("Remaining")] int Remaining);

/// <summary>GET /services/data/v{version}/limits: the org's limits, as `sf org list limits` and jsforce's limits() read them.</summary>
public static class LimitsEndpoints
{
    /// <summary>Bulk API 2.0 query jobs a day, as a Developer Edition org has them.</summary>
    public const int DailyBulkQueryJobs = 10_000;

    public static void MapLimits(this RouteGroupBuilder data) =>
        data.MapGet("/limits", Limits)
            .WithTags("Limits")
            .WithSummary("The org's limits: DailyApiRequests (counted), DailyBulkV2QueryJobs (counted) and the usual storage limits")
            .Produces<Dictionary<string, LimitValue>>();

    private static IResult Limits(ApiUsage usage)
    {
        // Counted: API requests and bulk query jobs today. The rest is what a fresh Developer Edition
        // org reports, none of it used (the emulator has no storage, email or Apex to spend it on).
        var limits = new SortedDictionary<string, LimitValue>(StringComparer.Ordinal)
        {
            ["DailyApiRequests"] = new(usage.MaxRequests, Math.Max(0, usage.MaxRequests - usage.Requests)),
            ["DailyBulkV2QueryJobs"] = new(DailyBulkQueryJobs, Math.Max(0, DailyBulkQueryJobs - usage.BulkQueryJobs)),
            ["DailyBulkV2QueryFileStorageMB"] = new(976_562, 976_562),
            ["DailyAsyncApexExecutions"] = new(250_000, 250_000),
            ["DailyBulkApiBatches"] = new(15_000, 15_000),
            ["DataStorageMB"] = new(5, 5),
            ["FileStorageMB"] = new(20, 20),
            ["HourlyODataCallout"] = new(10_000, 10_000),
            ["SingleEmail"] = new(15, 15),
            ["ConcurrentAsyncGetReportInstances"] = new(200, 200),
        };
        return Results.Json(limits, ApiJson.Options);
    }
}
