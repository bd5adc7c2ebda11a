using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Api.SObjects;

namespace CheckoutConsole.Api.Composite;

public sealed record CompositeSubrequest(string Method, string Url, string ReferenceId, JsonElement? Body);

public sealed record CompositeSubresponse(JsonElement? Body, IReadOnlyDictionary<string, string> HttpHeaders, int HttpStatusCode, string ReferenceId);

public sealed record CompositeResult(IReadOnlyList<CompositeSubresponse> CompositeResponse);

public sealed record BatchSubresponse(int StatusCode, JsonElement? Result);

public sealed record BatchResponse(bool HasErrors, IReadOnlyList<BatchSubresponse> Results);

public sealed record SaveError(string StatusCode, string Message, IReadOnlyList<string> Fields);

public sealed record SaveResult(string? Id, bool Success, IReadOnlyList<SaveError> Errors);

/// <summary>
/// The composite resources: /composite (up to 25 subrequests, @{ref.field} references,
/// allOrNone), /composite/batch, and the sObject collections GET/POST /composite/sobjects/{Type}
/// (retrieve) and PATCH /composite/sobjects (update). Every subrequest runs through the endpoint
/// that answers it alone (<see cref="SubrequestDispatcher"/>).
/// </summary>
/// <remarks>
/// allOrNone stops at the first failed subrequest and doesn't run the rest; what already ran
/// stays done (the domain commits each action on its own), so a composite that must not half-run
/// puts its reads first and at most one write last.
/// </remarks>
public static partial class CompositeEndpoints
{
    public const int MaxSubrequests = 25;
    public const int MaxCollectionRecords = 200;
    public const int MaxRetrieveIds = 2_000;
    public const string ProcessingHalted = "PROCESSING_HALTED";

    public static void MapComposite(this RouteGroupBuilder data)
    {
        var composite = data.MapGroup("/composite").WithTags("Composite");
        composite.MapPost("/", CompositeAsync)
            .WithSummary("Run up to 25 subrequests in order; later ones may use earlier results as @{referenceId.field}")
            .WithRequestBody<Dictionary<string, object>>("application/json")
            .Produces<CompositeResult>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        composite.MapPost("/batch", BatchAsync)
            .WithSummary("Run up to 25 independent subrequests")
            .WithRequestBody<Dictionary<string, object>>("application/json")
            .Produces<BatchResponse>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        composite.MapGet("/sobjects/{type}", RetrieveFromQueryAsync)
            .WithSummary("Read several records of one type: ?ids=…&fields=…")
            .Produces<JsonElement[]>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        composite.MapPost("/sobjects/{type}", RetrieveFromBodyAsync)
            .WithSummary("Read several records of one type: {\"ids\": […], \"fields\": […]}")
            .WithRequestBody<Dictionary<string, string[]>>("application/json")
            .Produces<JsonElement[]>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        composite.MapPatch("/sobjects", UpdateAsync)
            .WithSummary("Update up to 200 records: {\"allOrNone\": bool, \"records\": [{\"attributes\": {\"type\"}, \"id\", field: value}]}")
            .WithRequestBody<Dictionary<string, object>>("application/json")
            .Produces<SaveResult[]>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> CompositeAsync(HttpContext context, string version, SubrequestDispatcher dispatcher)
    {
        var (body, error) = await ReadObjectAsync(context, "{\"compositeRequest\": [{\"method\": \"GET\", \"url\": \"/services/data/v62.0/limits\", \"referenceId\": \"limits\"}]}");
        if (error is not null)
        {
            return error;
        }

        var (requests, invalid) = ReadSubrequests(body, dispatcher);
        if (invalid is not null)
        {
            return invalid;
        }

        var allOrNone = body.TryGetProperty("allOrNone", out var flag) && flag.ValueKind == JsonValueKind.True;
        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var responses = new List<CompositeSubresponse>();
        string? failed = null;
        foreach (var request in requests)
        {
            SubresponseResult result;
            if (failed is not null && allOrNone)
            {
                result = SubrequestDispatcher.Error(StatusCodes.Status400BadRequest, ProcessingHalted,
                    $"Not run: subrequest '{failed}' failed and allOrNone is true.");
            }
            else if (!TryResolve(request.Url, results, escapeForJson: false, out var url, out var problem)
                || !TryResolve(request.Body?.GetRawText(), results, escapeForJson: true, out var bodyText, out problem))
            {
                result = SubrequestDispatcher.Error(StatusCodes.Status400BadRequest, ProcessingHalted, problem!);
            }
            else
            {
                JsonElement? resolvedBody = bodyText is null ? null : JsonDocument.Parse(bodyText).RootElement.Clone();
                result = await dispatcher.SendAsync(context, request.Method, url!, resolvedBody);
            }

            if (result.Status >= 400)
            {
                failed ??= request.ReferenceId;
            }
            else if (result.Body.ValueKind != JsonValueKind.Undefined)
            {
                results[request.ReferenceId] = result.Body;
            }

            responses.Add(new CompositeSubresponse(result.Body.ValueKind == JsonValueKind.Undefined ? null : result.Body, result.Headers, result.Status, request.ReferenceId));
        }

        return Results.Json(new CompositeResult(responses), ApiJson.Options);
    }

    private static async Task<IResult> BatchAsync(HttpContext context, string version, SubrequestDispatcher dispatcher)
    {
        var (body, error) = await ReadObjectAsync(context, "{\"batchRequests\": [{\"method\": \"GET\", \"url\": \"v62.0/limits\"}]}");
        if (error is not null)
        {
            return error;
        }

        if (!body.TryGetProperty("batchRequests", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > MaxSubrequests)
        {
            return Invalid($"batchRequests must be an array of 1 to {MaxSubrequests} subrequests; found {(list.ValueKind == JsonValueKind.Array ? $"{list.GetArrayLength()}" : ApiBody.Describe(list))}.");
        }

        var requests = new List<(string Method, string Url, JsonElement? Body)>();
        foreach (var (item, i) in list.EnumerateArray().Select((item, i) => (item, i)))
        {
            var method = Text(item, "method")?.ToUpperInvariant();
            var url = Text(item, "url");
            if (method is null || url is null)
            {
                return Invalid($"batchRequests[{i}] needs a method and a url such as \"v{version}/sobjects/WebCart/{{id}}\".");
            }

            url = "/services/data/" + url.TrimStart('/');
            if (url.StartsWith("/services/data/services/data/", StringComparison.Ordinal))
            {
                url = url["/services/data".Length..];
            }

            if (IsComposite(url))
            {
                return Invalid($"batchRequests[{i}] calls a composite resource; composite requests don't nest.");
            }

            requests.Add((method, url, item.TryGetProperty("richInput", out var input) ? input : null));
        }

        var halt = body.TryGetProperty("haltOnError", out var flag) && flag.ValueKind == JsonValueKind.True;
        var results = new List<BatchSubresponse>();
        var hasErrors = false;
        foreach (var (method, url, input) in requests)
        {
            if (hasErrors && halt)
            {
                results.Add(new BatchSubresponse(StatusCodes.Status412PreconditionFailed,
                    JsonSerializer.SerializeToElement(new[] { new SalesforceError("Not run: an earlier subrequest failed and haltOnError is true.", "BATCH_PROCESSING_HALTED") }, ApiJson.Options)));
                continue;
            }

            var result = await dispatcher.SendAsync(context, method, url, input);
            hasErrors |= result.Status >= 400;
            results.Add(new BatchSubresponse(result.Status, result.Body.ValueKind == JsonValueKind.Undefined ? null : result.Body));
        }

        return Results.Json(new BatchResponse(hasErrors, results), ApiJson.Options);
    }

    private static Task<IResult> RetrieveFromQueryAsync(HttpContext context, string version, string type, string? ids, string? fields,
        SubrequestDispatcher dispatcher, SObjectRegistry registry) =>
        RetrieveAsync(context, version, type, Split(ids), Split(fields), dispatcher, registry);

    private static async Task<IResult> RetrieveFromBodyAsync(HttpContext context, string version, string type, SubrequestDispatcher dispatcher, SObjectRegistry registry)
    {
        var (body, error) = await ReadObjectAsync(context, "{\"ids\": [\"0a6…\"], \"fields\": [\"Id\", \"Name\"]}");
        if (error is not null)
        {
            return error;
        }

        var ids = Strings(body, "ids");
        var fields = Strings(body, "fields");
        if (ids is null || fields is null)
        {
            return Invalid("The body must hold ids and fields, each an array of strings, e.g. {\"ids\": [\"0a6…\"], \"fields\": [\"Id\", \"Name\"]}.");
        }

        return await RetrieveAsync(context, version, type, ids, fields, dispatcher, registry);
    }

    private static async Task<IResult> RetrieveAsync(HttpContext context, string version, string type, IReadOnlyList<string> ids, IReadOnlyList<string> fields,
        SubrequestDispatcher dispatcher, SObjectRegistry registry)
    {
        if (registry.Find(type) is null)
        {
            return SalesforceErrors.ResourceNotFound($"sObject type '{SalesforceErrors.Echo(type, 80)}' is not supported.");
        }

        if (ids.Count is 0 or > MaxRetrieveIds || fields.Count == 0)
        {
            return Invalid($"Name 1 to {MaxRetrieveIds} ids (found {ids.Count}) and at least one field (found {fields.Count}).");
        }

        var records = new List<JsonElement?>(ids.Count);
        var fieldList = Uri.EscapeDataString(string.Join(',', fields));
        foreach (var id in ids)
        {
            var result = await dispatcher.SendAsync(context, "GET", $"/services/data/v{version}/sobjects/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(id)}?fields={fieldList}", null);
            if (result.Status == StatusCodes.Status200OK)
            {
                records.Add(result.Body);
            }
            else if (result.Status == StatusCodes.Status400BadRequest)
            {
                // A bad field list fails every id alike: answer it once.
                return Results.Json(result.Body, ApiJson.Options, statusCode: result.Status);
            }
            else
            {
                records.Add(null);
            }
        }

        return Results.Json(records, ApiJson.Options);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string version, SubrequestDispatcher dispatcher, SObjectRegistry registry)
    {
        var (body, error) = await ReadObjectAsync(context, "{\"allOrNone\": false, \"records\": [{\"attributes\": {\"type\": \"CartCheckoutSession\"}, \"id\": \"2z9…\", \"IsProcessing\": true}]}");
        if (error is not null)
        {
            return error;
        }

        if (!body.TryGetProperty("records", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > MaxCollectionRecords)
        {
            return Invalid($"records must be an array of 1 to {MaxCollectionRecords} records; found {(list.ValueKind == JsonValueKind.Array ? $"{list.GetArrayLength()}" : ApiBody.Describe(list))}.");
        }

        var updates = new List<(string Type, string Id, JsonElement Fields)>();
        foreach (var (record, i) in list.EnumerateArray().Select((record, i) => (record, i)))
        {
            var type = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("attributes", out var attributes) ? Text(attributes, "type") : null;
            var id = record.ValueKind == JsonValueKind.Object ? Text(record, "id") ?? Text(record, "Id") : null;
            if (type is null || id is null || registry.Find(type) is null)
            {
                return Invalid($"records[{i}] needs attributes.type (an sObject type, found '{type}') and an id.");
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in record.EnumerateObject().Where(p => p.Name is not ("attributes" or "id" or "Id")))
            {
                fields[property.Name] = property.Value;
            }

            updates.Add((type, id, JsonSerializer.SerializeToElement(fields)));
        }

        var allOrNone = body.TryGetProperty("allOrNone", out var flag) && flag.ValueKind == JsonValueKind.True;
        var results = new List<SaveResult>();
        var failed = false;
        foreach (var (type, id, fields) in updates)
        {
            if (failed && allOrNone)
            {
                results.Add(new SaveResult(id, false, [new SaveError(ProcessingHalted, "Not run: an earlier record failed and allOrNone is true.", [])]));
                continue;
            }

            var result = await dispatcher.SendAsync(context, "PATCH", $"/services/data/v{version}/sobjects/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(id)}", fields);
            if (result.Status < 300)
            {
                results.Add(new SaveResult(id, true, []));
                continue;
            }

            failed = true;
            var errors = result.Body.ValueKind == JsonValueKind.Array
                ? result.Body.EnumerateArray().Select(e => new SaveError(Text(e, "errorCode") ?? "UNKNOWN_EXCEPTION", Text(e, "message") ?? "", [])).ToList()
                : [new SaveError("UNKNOWN_EXCEPTION", $"HTTP {result.Status}", [])];
            results.Add(new SaveResult(id, false, errors));
        }

        return Results.Json(results, ApiJson.Options);
    }

    private static (List<CompositeSubrequest> Requests, IResult? Error) ReadSubrequests(JsonElement body, SubrequestDispatcher dispatcher)
    {
        if (!body.TryGetProperty("compositeRequest", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return ([], Invalid("compositeRequest must be a non-empty array of {method, url, referenceId, body} subrequests."));
        }

        if (list.GetArrayLength() > MaxSubrequests)
        {
            return ([], SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.LimitExceeded,
                $"A composite request takes at most {MaxSubrequests} subrequests; found {list.GetArrayLength()}."));
        }

        var requests = new List<CompositeSubrequest>();
        foreach (var (item, i) in list.EnumerateArray().Select((item, i) => (item, i)))
        {
            var method = item.ValueKind == JsonValueKind.Object ? Text(item, "method")?.ToUpperInvariant() : null;
            var url = item.ValueKind == JsonValueKind.Object ? Text(item, "url") : null;
            var referenceId = item.ValueKind == JsonValueKind.Object ? Text(item, "referenceId") : null;
            if (method is null || url is null || referenceId is null || !ReferenceIdPattern().IsMatch(referenceId))
            {
                return ([], Invalid($"compositeRequest[{i}] needs a method, a url and a referenceId of letters, digits and underscores."));
            }

            if (requests.Any(r => r.ReferenceId == referenceId))
            {
                return ([], Invalid($"compositeRequest[{i}]: the referenceId '{referenceId}' is used twice."));
            }

            var path = url.Split('?')[0];
            if (!url.StartsWith("/services/data/v", StringComparison.Ordinal) || IsComposite(path))
            {
                return ([], Invalid($"compositeRequest[{i}]: the url must be a /services/data/v{{version}}/ resource other than composite; found '{SalesforceErrors.Echo(url, 80)}'."));
            }

            foreach (Match reference in ReferencePattern().Matches(url + (item.TryGetProperty("body", out var b) ? b.GetRawText() : "")))
            {
                if (!requests.Any(r => r.ReferenceId == reference.Groups["id"].Value))
                {
                    return ([], Invalid($"compositeRequest[{i}] refers to '{reference.Groups["id"].Value}', which isn't the referenceId of an earlier subrequest."));
                }
            }

            if (!dispatcher.Resolves(method, path))
            {
                return ([], Invalid($"compositeRequest[{i}]: nothing at {SalesforceErrors.Echo(path, 80)} takes {method}."));
            }

            requests.Add(new CompositeSubrequest(method, url, referenceId, item.TryGetProperty("body", out var requestBody) ? requestBody : null));
        }

        return (requests, null);
    }

    /// <summary>Replaces each @{referenceId.path} with the value at that path of the earlier subrequest's answer.</summary>
    private static bool TryResolve(string? text, Dictionary<string, JsonElement> results, bool escapeForJson, out string? resolved, out string? problem)
    {
        string? missing = null;
        resolved = text is null ? null : ReferencePattern().Replace(text, match =>
        {
            var value = Navigate(results.GetValueOrDefault(match.Groups["id"].Value), match.Groups["path"].Value);
            if (value is null)
            {
                missing ??= match.Value;
                return match.Value;
            }

            return escapeForJson ? JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() : value;
        });
        problem = missing is null ? null : $"Invalid reference specified: no value for {missing} (the subrequest it names failed, or its answer has no such field).";
        return missing is null;
    }

    private static string? Navigate(JsonElement root, string path)
    {
        var current = root;
        foreach (Match step in StepPattern().Matches(path))
        {
            if (current.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture);
                current = current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength() ? current[index] : default;
            }
            else
            {
                current = current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step.Groups["name"].Value, out var next) ? next : default;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }

    private static async Task<(JsonElement Body, IResult? Error)> ReadObjectAsync(HttpContext context, string example)
    {
        var (body, error) = await ApiBody.ReadJsonAsync(context.Request, emptyIsObject: false, context.RequestAborted);
        if (error is not null)
        {
            return (default, error);
        }

        return body.ValueKind == JsonValueKind.Object
            ? (body, null)
            : (default, SalesforceErrors.JsonParser($"Expected a JSON object like {example}; found {ApiBody.Describe(body)}."));
    }

    private static bool IsComposite(string path) =>
        Regex.IsMatch(path, @"^/services/data/v[^/]+/composite(/|$)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static IResult Invalid(string message) => SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.InvalidInput, message);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : null;

    private static List<string> Split(string? list) => [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];


    [GeneratedRegex(@"^[A-Za-z0-9_]{1,80}$")]
    private static partial Regex ReferenceIdPattern();

    [GeneratedRegex(@"@\{(?<id>[A-Za-z0-9_]+)(?<path>(?:\.[A-Za-z0-9_]+|\[[0-9]{1,4}\])*)\}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_]+)|\[(?<index>[0-9]{1,4})\]")]
    private static partial Regex StepPattern();
}
