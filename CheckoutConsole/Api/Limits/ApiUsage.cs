using Microsoft.Extensions.Options;

namespace CheckoutConsole.Api.Limits;

/// <summary>
/// The org's API request count for the current UTC day, against Api:DailyApiRequests, as
/// Salesforce reports it in the Sforce-Limit-Info header and the limits resource. Every
/// authenticated API call counts; the limit is reported, not enforced.
/// </summary>
public sealed class ApiUsage(TimeProvider clock, IOptions<ApiOptions> options)
{
    public const string Header = "Sforce-Limit-Info";

    private readonly Lock _lock = new();
    private DateOnly _day;
    private int _requests;
    private int _bulkQueryJobs;

    public int MaxRequests => Math.Max(1, options.Value.DailyApiRequests);

    public int Requests
    {
        get
        {
            lock (_lock)
            {
                Roll();
                return _requests;
            }
        }
    }

    public int BulkQueryJobs
    {
        get
        {
            lock (_lock)
            {
                Roll();
                return _bulkQueryJobs;
            }
        }
    }

    public string HeaderValue => $"api-usage={Requests}/{MaxRequests}";

    public void RecordRequest()
    {
        lock (_lock)
        {
            Roll();
            _requests++;
        }
    }

    public void RecordBulkQueryJob()
    {
        lock (_lock)
        {
            Roll();
            _bulkQueryJobs++;
        }
    }

    private void Roll()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _requests = 0;
            _bulkQueryJobs = 0;
        }
    }
}
