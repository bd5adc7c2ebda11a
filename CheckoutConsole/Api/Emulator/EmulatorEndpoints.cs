using System.Text.Json;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Auth;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Faults;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Api.Emulator;

/// <summary>
/// The emulator's control API for test suites (SPEC §10), apart from the Salesforce paths: reset,
/// scenario, faults, settings, clock and recordings, for the bearer token of a ModifyAllData user.
/// </summary>
public static class EmulatorEndpoints
{
    public const string Root = "/emulator/v1";
    public const string InvalidInput = "INVALID_INPUT";
    public const string InsufficientAccess = "INSUFFICIENT_ACCESS";

    public static WebApplication MapEmulatorControl(this WebApplication app)
    {
        var group = app.MapGroup(Root)
            .WithTags("Emulator control")
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter<BearerTokenFilter>()
            .AddEndpointFilter<AdminOnlyFilter>();

        group.MapPost("/reset", ResetAsync)
            .WithSummary("Reset the world: the start scenario with its ids, no timeline, configured faults and settings, the wall clock")
            .Produces(StatusCodes.Status204NoContent);
        group.MapPut("/scenario", LoadScenarioAsync)
            .WithSummary("Replace the world with a scenario (and make it the one resets return to)")
            .WithRequestBody<JsonElement>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        group.MapGet("/faults", (FaultInjector faults) => Results.Json(FaultsJson.From(faults.Current), ApiJson.Options))
            .WithSummary("The injected faults")
            .Produces<FaultsJson>();
        group.MapPut("/faults", SetFaultsAsync)
            .WithSummary("Set every fault at once (fields left out are off)")
            .WithRequestBody<FaultsJson>("application/json")
            .Produces<FaultsJson>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        group.MapDelete("/faults", async (FaultInjector faults, CancellationToken ct) =>
            {
                await faults.ClearAllAsync(ct);
                return Results.NoContent();
            })
            .WithSummary("Clear every fault")
            .Produces(StatusCodes.Status204NoContent);
        group.MapGet("/settings", (RuntimeSettings settings) => Results.Json(settings.Current, ApiJson.Options))
            .WithSummary("The live settings: task latency (overall and per task type), tax, shipping and discount rules")
            .Produces<LiveSettings>();
        group.MapPatch("/settings", PatchSettingsAsync)
            .WithSummary("Change some live settings (a task type's latency set to null follows taskLatencyMs again)")
            .WithRequestBody<LiveSettings>("application/json")
            .Produces<LiveSettings>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        group.MapGet("/clock", (EmulatorControl emulator) => Results.Json(ClockJson.From(emulator.Clock), ApiJson.Options))
            .WithSummary("The emulator's time and the wall clock")
            .Produces<ClockJson>();
        group.MapPost("/clock", SetClockAsync)
            .WithSummary("Move the emulator's time: {\"advanceMinutes\": n} or {\"now\": \"…\"}, never back past recorded data")
            .WithRequestBody<ClockRequest>("application/json")
            .Produces<ClockJson>()
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest);
        group.MapGet("/carts/{cartId}/recording", RecordingAsync)
            .WithSummary("A cart's recorded action calls as a runnable replay: format=curl, http, jsforce or xunit")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces<SalesforceError[]>(StatusCodes.Status400BadRequest)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);

        // The console's "Export as…" links: the same files for the signed-in user (cookie), no token.
        app.MapGet("/console/carts/{cartId}/recording/{format}", (HttpContext context, string cartId, string format, RecordingReader reader, IOptions<ApiOptions> options) =>
                ExportAsync(context, context.User.UserId() ?? "", cartId, format, reader, options.Value))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static Task<IResult> RecordingAsync(HttpContext context, string cartId, string? format, RecordingReader reader, IOptions<ApiOptions> options) =>
        ExportAsync(context, context.ApiUser().User.Id, cartId, format, reader, options.Value);

    private static async Task<IResult> ExportAsync(HttpContext context, string userId, string cartId, string? formatName, RecordingReader reader, ApiOptions options)
    {
        var format = RecordingExport.Find(formatName);
        if (format is null)
        {
            return SalesforceErrors.Error(StatusCodes.Status400BadRequest, InvalidInput,
                $"format: expected one of {string.Join(", ", RecordingExport.Formats.Select(f => f.Name))}, found '{(formatName ?? "nothing")}'.");
        }

        var (recording, problem, message) = await reader.ReadAsync(userId, cartId, context.RequestAborted);
        if (recording is null)
        {
            return problem == RecordingProblem.CartNotFound
                ? SalesforceErrors.ResourceNotFound(message)
                : SalesforceErrors.Error(StatusCodes.Status409Conflict, InvalidInput, message);
        }

        var target = new ReplayTarget(OAuthEndpoints.InstanceUrl(context, options), options.ClientId, options.ClientSecret, ApiVersions.Default);
        var text = RecordingExport.Render(format, recording, target);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text), format.ContentType + "; charset=utf-8", RecordingExport.FileName(recording, format));
    }

    private static async Task<IResult> ResetAsync(EmulatorControl emulator, CancellationToken ct)
    {
        await emulator.ResetAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> LoadScenarioAsync(HttpRequest request, EmulatorControl emulator, CancellationToken ct)
    {
        var (json, error) = await ApiBody.ReadJsonAsync(request, emptyIsObject: false, ct);
        if (error is not null)
        {
            return error;
        }

        var problem = await emulator.LoadScenarioAsync(json, ct);
        return problem is null ? Results.NoContent() : Invalid(problem);
    }

    private static async Task<IResult> SetFaultsAsync(HttpRequest request, FaultInjector faults, CancellationToken ct)
    {
        var (json, error) = await ApiBody.ReadJsonAsync(request, emptyIsObject: false, ct);
        if (error is not null)
        {
            return error;
        }

        var (state, problem) = FaultsDocument.Read(json);
        if (problem is not null)
        {
            return Invalid(problem);
        }

        await faults.ReplaceAsync(state!, ct);
        return Results.Json(FaultsJson.From(faults.Current), ApiJson.Options);
    }

    private static async Task<IResult> PatchSettingsAsync(HttpRequest request, RuntimeSettings settings, CancellationToken ct)
    {
        var (json, error) = await ApiBody.ReadJsonAsync(request, emptyIsObject: false, ct);
        if (error is not null)
        {
            return error;
        }

        var problem = await settings.PatchAsync(json, ct);
        return problem is null ? Results.Json(settings.Current, ApiJson.Options) : Invalid(problem);
    }

    private static async Task<IResult> SetClockAsync(HttpRequest request, EmulatorControl emulator, CancellationToken ct)
    {
        var (json, error) = await ApiBody.ReadJsonAsync(request, emptyIsObject: false, ct);
        if (error is not null)
        {
            return error;
        }

        var problem = await emulator.SetClockAsync(json, ct);
        return problem is null ? Results.Json(ClockJson.From(emulator.Clock), ApiJson.Options) : Invalid(problem);
    }

    public static IResult Invalid(EmulatorProblem problem) =>
        SalesforceErrors.Error(StatusCodes.Status400BadRequest, InvalidInput, problem.ToString());
}

/// <summary>Only a ModifyAllData user may drive the emulator; others get 403 and change nothing.</summary>
/// <summary>The control API is for admins: the domain's access policy says who is one.</summary>
public sealed class AdminOnlyFilter(AccessPolicy policy) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.ApiUser().User;
        if (!(await policy.ForUserAsync(user.Id)).IsAdmin)
        {
            return SalesforceErrors.Error(StatusCodes.Status403Forbidden, EmulatorEndpoints.InsufficientAccess,
                $"The emulator control API needs a user with the permission ModifyAllData; {user.Username} has {user.Permissions}.");
        }

        return await next(context);
    }
}

public sealed record FaultsJson(
    IReadOnlyDictionary<string, int> FailNextTasks,
    int TaskDelayMs,
    bool FailSessionCreation,
    bool FailOrderSummaryCreation,
    bool CreateSummaryBeforeActivation)
{
    public static FaultsJson From(FaultState state) => new(
        state.FailNextTasks, state.TaskDelayMs, state.FailSessionCreation, state.FailOrderSummaryCreation, state.CreateSummaryBeforeActivation);
}

public sealed record ClockRequest(int? AdvanceMinutes, DateTimeOffset? Now);

public sealed record ClockJson(DateTimeOffset Now, DateTimeOffset WallClock, bool IsWallClock)
{
    public static ClockJson From(ClockView clock) => new(clock.Now, clock.WallClock, clock.IsWallClock);
}
