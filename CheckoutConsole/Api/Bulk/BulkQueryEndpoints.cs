using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Api.Limits;
using CheckoutConsole.Api.Query;
using CheckoutConsole.Api.Soql;

namespace CheckoutConsole.Api.Bulk;

public sealed record BulkQueryJobRequest(string Operation, string Query, string? ColumnDelimiter, string? LineEnding);

public sealed record BulkQueryJobInfo(
    string Id,
    string Operation,
    [property: System.Text.Json.Serialization.JsonPropertyName("object")] string ObjectName,
    string CreatedById,
    DateTime CreatedDate,
    DateTime SystemModstamp,
    string State,
    string ConcurrencyMode,
    string ContentType,
    double ApiVersion,
    string LineEnding,
    string ColumnDelimiter,
    long? NumberRecordsProcessed,
    int? Retries,
    long? TotalProcessingTime);

/// <summary>
/// Bulk API 2.0 query jobs, as `sf data export bulk` and jsforce's bulk2 use them: POST
/// /jobs/query runs the query for the caller (the same SOQL and visibility as /query), GET
/// /jobs/query/{id} reports it complete, GET …/results pages the CSV with Sforce-Locator.
/// </summary>
public static class BulkQueryEndpoints
{
    public const int DefaultPageSize = 50_000;
    public const string InvalidJob = "INVALIDJOB";

    private static readonly Dictionary<string, string> Delimiters = new(StringComparer.Ordinal)
    {
        ["COMMA"] = ",", ["TAB"] = "\t", ["SEMICOLON"] = ";", ["PIPE"] = "|", ["CARET"] = "^", ["BACKQUOTE"] = "`",
    };

    public static void MapBulkQuery(this RouteGroupBuilder data)
    {
        var jobs = data.MapGroup("/jobs/query").WithTags("Bulk API 2.0");
        jobs.MapPost("/", CreateAsync)
            .WithSummary("Create a query job")
            .WithDescription("Body {\"operation\": \"query\" or \"queryAll\", \"query\": SOQL, \"columnDelimiter\": COMMA|TAB|SEMICOLON|PIPE|CARET|BACKQUOTE, \"lineEnding\": LF|CRLF}. Plain fields and parent paths; no subqueries or aggregates.")
            .WithRequestBody<BulkQueryJobRequest>("application/json")
            .Produces<BulkQueryJobInfo>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        jobs.MapGet("/{jobId}", Get)
            .WithSummary("A query job's state")
            .Produces<BulkQueryJobInfo>()
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        jobs.MapGet("/{jobId}/results", ResultPage)
            .WithSummary("A page of a query job's result as CSV; Sforce-Locator names the next page ('null' after the last)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        jobs.MapDelete("/{jobId}", Delete)
            .WithSummary("Delete a query job and its result")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string version, QueryRunner runner, BulkQueryJobs jobs, ApiUsage usage, TimeProvider clock)
    {
        var (body, bodyError) = await ApiBody.ReadJsonAsync(context.Request, emptyIsObject: false, context.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return SalesforceErrors.JsonParser($"Expected a JSON object like {{\"operation\":\"query\",\"query\":\"SELECT Id FROM WebCart\"}}; found {ApiBody.Describe(body)}.");
        }

        var operation = Text(body, "operation");
        var soql = Text(body, "query");
        var delimiter = Text(body, "columnDelimiter") ?? "COMMA";
        var lineEnding = Text(body, "lineEnding") ?? "LF";
        if (operation is not ("query" or "queryAll") || string.IsNullOrWhiteSpace(soql) || !Delimiters.ContainsKey(delimiter) || lineEnding is not ("LF" or "CRLF"))
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, InvalidJob,
                $"A query job needs operation 'query' or 'queryAll' (found '{SalesforceErrors.Echo(operation)}'), a query (found {(string.IsNullOrWhiteSpace(soql) ? "none" : "one")}), "
                + $"columnDelimiter one of {string.Join(", ", Delimiters.Keys)} (found '{SalesforceErrors.Echo(delimiter)}') and lineEnding LF or CRLF (found '{SalesforceErrors.Echo(lineEnding)}').");
        }

        var user = context.ApiUser().User;
        var watch = Stopwatch.StartNew();
        SoqlResult result;
        try
        {
            result = await runner.RunAsync(user, soql, context.RequestAborted);
        }
        catch (SoqlException ex)
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, ex.ErrorCode, ex.Message);
        }

        if (result.IsAggregate || result.Records.Any(r => r.Values.Any(v => v is SoqlChildRecords)))
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, InvalidJob,
                "Bulk API 2.0 query jobs take plain fields and parent paths (WebCart.Name); aggregate functions, GROUP BY and subqueries aren't supported.");
        }

        var rows = result.Records.Select(record => result.FieldNames.Select(path => Cell(Read(record, path))).ToArray()).ToList();
        var job = jobs.Add(user.Id, id => new BulkQueryJob(id, user.Id, operation, result.ObjectName, version, delimiter, lineEnding,
            clock.GetUtcNow(), result.FieldNames, rows, watch.ElapsedMilliseconds));
        usage.RecordBulkQueryJob();
        return Results.Json(Info(job, "UploadComplete"), ApiJson.Options);
    }

    private static IResult Get(HttpContext context, string jobId, BulkQueryJobs jobs)
    {
        var job = jobs.Find(jobId, context.ApiUser().User.Id);
        return job is null ? UnknownJob(jobId) : Results.Json(Info(job, "JobComplete"), ApiJson.Options);
    }

    private static IResult ResultPage(HttpContext context, string jobId, string? locator, string? maxRecords, BulkQueryJobs jobs)
    {
        var job = jobs.Find(jobId, context.ApiUser().User.Id);
        if (job is null)
        {
            return UnknownJob(jobId);
        }

        var start = 0;
        if (!string.IsNullOrEmpty(locator) && (!int.TryParse(locator, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > job.Rows.Count))
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, "INVALID_LOCATOR", $"The locator '{SalesforceErrors.Echo(locator)}' doesn't belong to a page of job {job.Id}.");
        }

        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(maxRecords) && (!int.TryParse(maxRecords, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, "INVALIDFIELD", $"maxRecords must be a whole number of at least 1; found '{SalesforceErrors.Echo(maxRecords)}'.");
        }

        var end = (int)Math.Min(job.Rows.Count, (long)start + size);
        var delimiter = Delimiters[job.ColumnDelimiter];
        var newline = job.LineEnding == "CRLF" ? "\r\n" : "\n";
        var csv = new StringBuilder();
        csv.Append(string.Join(delimiter, job.Header.Select(h => Quote(h, delimiter)))).Append(newline);
        for (var i = start; i < end; i++)
        {
            csv.Append(string.Join(delimiter, job.Rows[i].Select(v => v is null ? "" : Quote(v, delimiter)))).Append(newline);
        }

        context.Response.Headers["Sforce-Locator"] = end < job.Rows.Count ? end.ToString(CultureInfo.InvariantCulture) : "null";
        context.Response.Headers["Sforce-NumberOfRecords"] = (end - start).ToString(CultureInfo.InvariantCulture);
        return Results.Text(csv.ToString(), "text/csv; charset=UTF-8", Encoding.UTF8);
    }

    private static IResult Delete(HttpContext context, string jobId, BulkQueryJobs jobs) =>
        jobs.Remove(jobId, context.ApiUser().User.Id) ? Results.NoContent() : UnknownJob(jobId);

    private static BulkQueryJobInfo Info(BulkQueryJob job, string state) =>
        new(job.Id, job.Operation, job.ObjectName, job.UserId, job.CreatedDate.UtcDateTime, job.CreatedDate.UtcDateTime, state, "Parallel", "CSV",
            double.Parse(job.ApiVersion, CultureInfo.InvariantCulture), job.LineEnding, job.ColumnDelimiter,
            state == "JobComplete" ? job.Rows.Count : null, state == "JobComplete" ? 0 : null, state == "JobComplete" ? job.ProcessingMs : null);

    private static IResult UnknownJob(string jobId) =>
        SalesforceErrors.ResourceNotFound($"no query job with id '{SalesforceErrors.Echo(jobId)}' exists or is yours (jobs are kept {BulkQueryJobs.Lifetime.TotalMinutes:0} minutes).");

    /// <summary>A value by its column path: WebCart.Name reads the nested parent record.</summary>
    private static object? Read(IReadOnlyDictionary<string, object?> record, string path)
    {
        object? value = record;
        foreach (var segment in path.Split('.'))
        {
            value = value switch
            {
                IReadOnlyDictionary<string, object?> fields => fields.GetValueOrDefault(segment),
                SoqlParentRecord parent => parent.Fields.GetValueOrDefault(segment),
                _ => null,
            };
        }

        return value;
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Quote(string value, string delimiter) =>
        value.Contains('"') || value.Contains(delimiter, StringComparison.Ordinal) || value.Contains('\n') || value.Contains('\r')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
