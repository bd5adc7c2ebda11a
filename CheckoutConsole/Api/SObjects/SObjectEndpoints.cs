using System.Text.Json;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Api.Soql;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Services;

namespace CheckoutConsole.Api.SObjects;

/// <summary>/services/data/v{version}/sobjects: describe, read any record of SPEC §2 the caller may see, and PATCH a CartCheckoutSession.</summary>
public static class SObjectEndpoints
{
    private const string SessionType = "CartCheckoutSession";

    public static void MapSObjects(this RouteGroupBuilder data)
    {
        var sobjects = data.MapGroup("/sobjects").WithTags("sObjects");
        sobjects.MapGet("/", DescribeGlobal)
            .WithSummary("List the sObject types")
            .Produces<SObjectList>();
        sobjects.MapGet("/{type}", BasicInfo)
            .WithSummary("An sObject type's basic information")
            .Produces<SObjectBasicInfo>()
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        sobjects.MapGet("/{type}/describe", Describe)
            .WithSummary("Describe an sObject type: its fields and their types")
            .Produces<SObjectDescription>()
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        sobjects.MapGet("/{type}/{id}", GetAsync)
            .WithSummary("Read a record by its 15- or 18-character id")
            .WithDescription("Optional ?fields=Name,Status limits the fields. Records the caller may not see answer 404, as missing ones do.")
            .Produces<Dictionary<string, object?>>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        sobjects.MapPatch("/{type}/{id}", PatchAsync)
            .WithSummary("Update a CartCheckoutSession's State, NextState or IsProcessing, as a flow's record update does")
            .WithDescription("204 on success; an archived session answers 400 INVALID_OPERATION; a session the caller can't edit answers 404. Only CartCheckoutSession records can be updated here.")
            .WithRequestBody<SessionPatch>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
    }

    private static IResult DescribeGlobal(string version, SObjectRegistry registry) =>
        Results.Json(new SObjectList("UTF-8", 200, [.. registry.All.Select(t => SObjectJson.Describe(t, version, withFields: false, registry.All))]), ApiJson.Options);

    private static IResult BasicInfo(string version, string type, SObjectRegistry registry)
    {
        var sobject = registry.Find(type);
        return sobject is null
            ? UnknownType(type)
            : Results.Json(new SObjectBasicInfo(SObjectJson.Describe(sobject, version, withFields: false, registry.All), []), ApiJson.Options);
    }

    private static IResult Describe(string version, string type, SObjectRegistry registry)
    {
        var sobject = registry.Find(type);
        return sobject is null ? UnknownType(type) : Results.Json(SObjectJson.Describe(sobject, version, withFields: true, registry.All), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string version, string type, string id, string? fields,
        SObjectRegistry registry, RecordReader reader)
    {
        var sobject = registry.Find(type);
        if (sobject is null)
        {
            return UnknownType(type);
        }

        if (!SalesforceId.TryParse(id, sobject.KeyPrefix, out var recordId, out var problem))
        {
            return SalesforceErrors.ResourceNotFound($"no {sobject.Name} record has the id '{SalesforceErrors.Echo(id)}' ({problem}).");
        }

        var selected = new List<SoqlField>();
        foreach (var name in (fields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var field = sobject.Schema.FindField(name);
            if (field is null)
            {
                return SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.InvalidField,
                    $"No such column '{SalesforceErrors.Echo(name)}' on sobject of type {sobject.Name}");
            }

            selected.Add(field);
        }

        await using var records = await reader.OpenAsync(context.ApiUser().User.Id, context.RequestAborted);
        var rows = await sobject.LoadAsync(records, recordId.Value, context.RequestAborted);
        if (rows.Count == 0)
        {
            return SalesforceErrors.ResourceNotFound($"no {sobject.Name} record with id {recordId} exists or is visible to you.");
        }

        var row = rows[0];
        var values = selected.Count == 0 ? row : selected.Distinct().Select(f => KeyValuePair.Create(f.Name, row[f.Name]));
        return Results.Json(SObjectJson.Record(sobject, version, row, values), ApiJson.Options);
    }

    private static async Task<IResult> PatchAsync(HttpContext context, string type, string id, SObjectRegistry registry, CheckoutAdminService service)
    {
        var sobject = registry.Find(type);
        if (sobject is null)
        {
            return UnknownType(type);
        }

        if (sobject.UpdatableFields.Count == 0)
        {
            return SalesforceErrors.Error(StatusCodes.Status405MethodNotAllowed, SalesforceErrors.MethodNotAllowed,
                $"HTTP Method 'PATCH' not allowed for {sobject.Name} records: only {SessionType} records can be updated here; change carts through the actions and the commerce cart endpoints.");
        }

        var (body, bodyError) = await ApiBody.ReadJsonAsync(context.Request, emptyIsObject: false, context.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (changes, error) = ReadSessionChanges(body, sobject);
        if (error is not null)
        {
            return error;
        }

        var result = await service.UpdateSessionFieldsAsync(context.ApiUser().NewCaller(), id, changes!);
        if (result.IsSuccess)
        {
            return Results.NoContent();
        }

        // A record update answers as Salesforce's record API does: 404 for what the caller can't
        // reach, 400 with the catalog's code for everything else.
        return result.Error!.Rule is ErrorRule.RecordIdMalformed or ErrorRule.RecordNotFound or ErrorRule.CannotEditCart
            ? SalesforceErrors.ResourceNotFound($"no {SessionType} record with id '{SalesforceErrors.Echo(id)}' exists or is editable by you.")
            : SalesforceErrors.Error(StatusCodes.Status400BadRequest, result.Error.Code, result.Error.Message);
    }

    private static (SessionFieldChanges? Changes, IResult? Error) ReadSessionChanges(JsonElement body, SObjectType sobject)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, SalesforceErrors.JsonParser($"Expected a JSON object of fields like {{\"State\":\"Inventory\"}}; found {ApiBody.Describe(body)}."));
        }

        string? state = null;
        string? nextState = null;
        var setNextState = false;
        bool? isProcessing = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == "attributes")
            {
                continue;
            }

            var field = sobject.Schema.FindField(property.Name);
            if (field is null)
            {
                return (null, SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.InvalidField,
                    $"No such column '{SalesforceErrors.Echo(property.Name)}' on sobject of type {sobject.Name}"));
            }

            if (!sobject.UpdatableFields.Contains(field.Name))
            {
                return (null, SalesforceErrors.Error(StatusCodes.Status400BadRequest, SalesforceErrors.InvalidFieldForUpdate,
                    $"Unable to create/update fields: {field.Name}. Only {string.Join(", ", sobject.UpdatableFields)} can be updated."));
            }

            if (!seen.Add(field.Name))
            {
                return (null, SalesforceErrors.JsonParser($"The field {field.Name} appears twice in the request body."));
            }

            var value = property.Value;
            switch (field.Name)
            {
                case "State" when value.ValueKind == JsonValueKind.String:
                    state = value.GetString();
                    break;
                case "NextState" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    nextState = value.GetString();
                    setNextState = true;
                    break;
                case "IsProcessing" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    isProcessing = value.GetBoolean();
                    break;
                case "IsProcessing" when value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var flag):
                    isProcessing = flag;
                    break;
                default:
                    var expected = field.Name switch
                    {
                        "State" => "a state of the flow (a string)",
                        "NextState" => "a state of the flow (a string) or null",
                        _ => "true or false",
                    };
                    return (null, SalesforceErrors.JsonParser($"{field.Name} must be {expected}; found {ApiBody.Describe(value)}."));
            }
        }

        return (new SessionFieldChanges(state, setNextState, nextState, isProcessing), null);
    }

    private static IResult UnknownType(string type) =>
        SalesforceErrors.ResourceNotFound($"sObject type '{SalesforceErrors.Echo(type)}' is not supported.");

}
