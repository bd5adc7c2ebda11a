using System.Globalization;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Api.SObjects;
using CheckoutConsole.Api.Soql;

namespace CheckoutConsole.Api.Query;

/// <summary>
/// /query and /queryAll: SOQL with Salesforce's paging (at most 2,000 records a page, fewer with
/// Sforce-Query-Options: batchSize=N; the rest behind nextRecordsUrl), and ?columns=true.
/// </summary>
public static class QueryEndpoints
{
    public const int MaxBatchSize = 2_000;
    public const int MinBatchSize = 200;
    public const string InvalidQueryLocator = "INVALID_QUERY_LOCATOR";

    public static void MapQuery(this RouteGroupBuilder data)
    {
        foreach (var resource in new[] { "query", "queryAll" })
        {
            data.MapGet($"/{resource}", QueryAsync)
                .WithTags("Query")
                .WithSummary(resource == "query" ? "Run a SOQL query" : "Run a SOQL query, archived records included")
                .WithDescription("A SOQL subset: one object, fields and parent paths (WebCart.Name), child subqueries, COUNT() and aggregates with GROUP BY, WHERE with comparisons, IN, LIKE, AND/OR/NOT and date literals, ORDER BY, LIMIT, OFFSET. "
                    + "Only records the caller may see are returned, at most 2,000 a page (Sforce-Query-Options: batchSize=200..2000); ?columns=true describes the columns instead.")
                .Produces<QueryResponse>()
                .Produces<QueryColumns>()
                .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
            data.MapGet($"/{resource}/{{locator}}", NextPage)
                .WithTags("Query")
                .WithSummary("The next page of a query result (the nextRecordsUrl of the previous page)")
                .Produces<QueryResponse>()
                .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Runs a query for the caller and answers its first page.</summary>
    public static async Task<IResult> QueryAsync(HttpContext context, string version, string? q, string? columns, QueryRunner runner, QueryLocators locators)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.MalformedQuery,
                "A query is required: pass it as ?q=SELECT Id FROM WebCart");
        }

        try
        {
            if (string.Equals(columns, "true", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Json(runner.DescribeColumns(q), ApiJson.Options);
            }

            var result = await runner.RunAsync(context.ApiUser().User, q, context.RequestAborted);
            var records = SObjectJson.Records(result, version);
            return Page(context, version, null, records, result.TotalSize, 0, BatchSize(context.Request), locators);
        }
        catch (SoqlException ex)
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, ex.ErrorCode, ex.Message);
        }
    }

    private static IResult NextPage(HttpContext context, string version, string locator, QueryLocators locators)
    {
        var dash = locator.LastIndexOf('-');
        var id = dash < 0 ? locator : locator[..dash];
        var entry = int.TryParse(dash < 0 ? "" : locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? locators.Find(id, context.ApiUser().User.Id)
            : null;
        if (entry is null || start > entry.Records.Count)
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, InvalidQueryLocator,
                $"invalid query locator: '{SalesforceErrors.Echo(locator)}' is unknown, expired (after {QueryLocators.Lifetime.TotalMinutes:0} minutes unused) or not yours; run the query again");
        }

        return Page(context, version, id, entry.Records, entry.TotalSize, start, BatchSize(context.Request), locators);
    }

    private static IResult Page(HttpContext context, string version, string? locator, IReadOnlyList<IReadOnlyDictionary<string, object?>> records,
        int totalSize, int start, int size, QueryLocators locators)
    {
        var end = Math.Min(records.Count, start + size);
        var page = records.Skip(start).Take(end - start).ToList();
        string? next = null;
        if (end < records.Count)
        {
            locator ??= locators.Add(context.ApiUser().User.Id, id => new QueryLocators.Entry(id, records, totalSize)).Id;
            next = $"/services/data/v{version}/query/{locator}-{end.ToString(CultureInfo.InvariantCulture)}";
        }
        else if (locator is not null)
        {
            locators.Remove(locator, context.ApiUser().User.Id);
        }

        return Results.Json(new QueryResponse(totalSize, next is null, page) { NextRecordsUrl = next }, ApiJson.Options);
    }

    /// <summary>Sforce-Query-Options: batchSize=N asks for pages of N records, 200 to 2,000; anything else gets 2,000.</summary>
    private static int BatchSize(HttpRequest request)
    {
        foreach (var option in request.Headers["Sforce-Query-Options"].ToString().Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = option.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("batchSize", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return Math.Clamp(size, MinBatchSize, MaxBatchSize);
            }
        }

        return MaxBatchSize;
    }
}
