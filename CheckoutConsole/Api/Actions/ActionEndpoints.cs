using System.Text;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Api.Actions;

/// <summary>POST/GET /services/data/v{version}/actions/standard[/{actionName}]: invoke, list and describe the checkout actions.</summary>
public static class ActionEndpoints
{
    public static void MapActions(this RouteGroupBuilder data)
    {
        var actions = data.MapGroup("/actions/standard").WithTags("Actions");
        actions.MapGet("/", List)
            .WithSummary("List the standard actions")
            .Produces<ActionList>();
        actions.MapGet("/{actionName}", Describe)
            .WithSummary("Describe one action: inputs, outputs and its error table")
            .Produces<ActionDescription>()
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
        actions.MapPost("/{actionName}", InvokeAsync)
            .WithSummary("Invoke an action for one or more inputs")
            .WithDescription(InvokeDescription())
            .WithRequestBody<ActionRequest>("application/json")
            .Produces<ActionResult[]>()
            .Produces<ActionResult[]>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<ActionResult[]>(StatusCodes.Status403Forbidden, "application/json")
            .Produces<ActionResult[]>(StatusCodes.Status409Conflict, "application/json")
            .Produces<ActionResult[]>(StatusCodes.Status500InternalServerError, "application/json")
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound)
            .Produces<SalesforceError[]>(StatusCodes.Status413PayloadTooLarge);
    }

    private static IResult List(string version) =>
        Results.Json(new ActionList([.. CheckoutActions.All.Select(a => new ActionListEntry(a.Label, a.ApiName, "STANDARD", Url(version, a.ApiName)))]), ApiJson.Options);

    private static IResult Describe(string version, string actionName)
    {
        var spec = CheckoutActions.Find(actionName);
        if (spec is null)
        {
            return UnknownAction(actionName);
        }

        return Results.Json(new ActionDescription(
            spec.ApiName,
            spec.Label,
            "STANDARD",
            Url(version, spec.ApiName),
            spec.Aliases,
            [.. spec.Inputs.Select(i => new ActionParameter(i.Name, i.Type, i.Required, i.Description))],
            [.. spec.Outputs.Select(o => new ActionParameter(o.Name, o.Type, o.Required, o.Description))],
            [.. ErrorCatalog.For(spec.Action).Select(r => new ActionErrorRow(r.Row, r.Condition, r.Code, r.HttpStatus))]), ApiJson.Options);
    }

    private static async Task<IResult> InvokeAsync(HttpContext context, string actionName, ActionInvoker invoker)
    {
        var spec = CheckoutActions.Find(actionName);
        if (spec is null)
        {
            return UnknownAction(actionName);
        }

        var (body, bodyError) = await ApiBody.ReadJsonAsync(context.Request, emptyIsObject: false, context.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (inputs, error) = ActionRequestParser.Parse(body, spec);
        if (error is not null)
        {
            return error;
        }

        var user = context.ApiUser();
        var results = new List<ActionResult>(inputs.Count);
        int? status = null;
        foreach (var input in inputs)
        {
            var outcome = await invoker.InvokeAsync(spec, actionName, user, input);
            results.Add(ActionInvoker.ToResult(outcome, spec));
            if (!outcome.IsSuccess)
            {
                status ??= outcome.HttpStatus;
            }
        }

        return Results.Json(results, ApiJson.Options, statusCode: status ?? StatusCodes.Status200OK);
    }

    private static IResult UnknownAction(string actionName) =>
        SalesforceErrors.ResourceNotFound(
            $"there is no standard action '{(actionName.Length > 60 ? actionName[..60] + "…" : actionName)}'; the actions are {string.Join(", ", CheckoutActions.All.Select(a => a.ApiName))}.");

    private static string Url(string version, string apiName) => $"/services/data/v{version}/actions/standard/{apiName}";

    private static string InvokeDescription()
    {
        var text = new StringBuilder();
        text.AppendLine("Answers a JSON array with one element per input, in order. The HTTP status is 200 when every input succeeds, else the status of the first failed input.");
        text.AppendLine();
        text.AppendLine("| action | inputs | output |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var action in CheckoutActions.All)
        {
            var name = action.Aliases.Count == 0 ? action.ApiName : $"{action.ApiName} (alias {string.Join(", ", action.Aliases)})";
            var inputs = string.Join(", ", action.Inputs.Select(i => $"{i.Name} {i.Type}{(i.Required ? " (required)" : "")}"));
            var output = action.Outputs.Count == 0 ? "none" : string.Join(", ", action.Outputs.Select(o => o.Name));
            text.AppendLine($"| {name} | {inputs} | {output} |");
        }

        return text.ToString();
    }
}
