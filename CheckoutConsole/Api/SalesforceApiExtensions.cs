using CheckoutConsole.Api.Actions;
using CheckoutConsole.Api.Auth;
using CheckoutConsole.Api.Bulk;
using CheckoutConsole.Api.Commerce;
using CheckoutConsole.Api.Composite;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Api.Limits;
using CheckoutConsole.Api.Query;
using CheckoutConsole.Api.SObjects;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CheckoutConsole.Api;

/// <summary>The Salesforce-compatible REST API of SPEC §9, on the console's host.</summary>
public static class SalesforceApiExtensions
{
    public static IServiceCollection AddSalesforceApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenService>();
        services.AddSingleton<SObjectRegistry>();
        services.AddSingleton<ActionInvoker>();
        services.AddSingleton<ApiUsage>();
        services.AddSingleton<QueryRunner>();
        services.AddSingleton<QueryLocators>();
        services.AddSingleton<BulkQueryJobs>();
        services.AddSingleton<SubrequestDispatcher>();
        services.AddOpenApi(ApiDocument.Configure);
        return services;
    }

    /// <summary>Runs before routing: doubled slashes collapse, and API answers get the Sforce-Limit-Info header.</summary>
    public static WebApplication UseSalesforcePaths(this WebApplication app)
    {
        app.UseMiddleware<SalesforcePaths>();
        app.UseRouting();
        return app;
    }

    /// <summary>
    /// The endpoints carry their own bearer-token check (not the console's cookie scheme) and are
    /// therefore open to the authorization middleware; they take no antiforgery token.
    /// </summary>
    public static WebApplication MapSalesforceApi(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/services") || context.Request.Path.StartsWithSegments("/id"),
            branch => branch.UseMiddleware<ServicesErrorMiddleware>());

        app.MapOAuth();
        app.MapGet("/services/data", Versions)
            .WithTags("Versions")
            .WithSummary("The API versions this server answers to")
            .AllowAnonymous()
            .Produces<ApiVersionEntry[]>();

        var data = app.MapGroup("/services/data/v{version}")
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter<BearerTokenFilter>();
        data.MapGet("/", Resources)
            .WithTags("Versions")
            .WithSummary("The resources of one API version");
        data.MapActions();
        data.MapSObjects();
        data.MapQuery();
        data.MapLimits();
        data.MapBulkQuery();
        data.MapComposite();
        data.MapCommerceCarts();

        app.MapOpenApi(ApiDocument.Route).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Versions() =>
        Results.Json(ApiVersions.All.Select(v => new ApiVersionEntry(ApiVersions.Label(v), $"/services/data/v{v}", v)), ApiJson.Options);

    private static IResult Resources(HttpContext context, string version, Microsoft.Extensions.Options.IOptions<ApiOptions> options)
    {
        var root = $"/services/data/v{version}";
        var instanceUrl = OAuthEndpoints.InstanceUrl(context, options.Value);
        return Results.Json(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["identity"] = $"{instanceUrl}/id/{ApiOrganization.Id}/{context.ApiUser().User.Id}",
            ["limits"] = root + "/limits",
            ["composite"] = root + "/composite",
            ["query"] = root + "/query",
            ["queryAll"] = root + "/queryAll",
            ["sobjects"] = root + "/sobjects",
            ["actions"] = root + "/actions",
            ["jobs"] = root + "/jobs",
            ["commerce"] = root + "/commerce",
        }, ApiJson.Options);
    }
}
