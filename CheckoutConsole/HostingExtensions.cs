using CheckoutConsole.Api;
using CheckoutConsole.Auth;
using CheckoutConsole.Components;
using CheckoutConsole.Domain;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Live;
using CheckoutConsole.Team;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CheckoutConsole;

public static class HostingExtensions
{
    public static WebApplicationBuilder AddCheckoutConsole(this WebApplicationBuilder builder)
    {
        // Serve the Razor class libraries' assets (MudBlazor's CSS and JS) straight from the build
        // output in every environment, not only in Development; a published app has no manifest
        // and this is a no-op there.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddCheckoutDomain(builder.Configuration);
        if (builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.IsPostgreSql == true)
        {
            builder.Services.AddTeamModeWeb();
        }
        builder.Services.AddConsoleAuthentication();
        builder.Services.AddSalesforceApi(builder.Configuration);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        return builder;
    }

    public static WebApplication UseCheckoutConsole(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseSalesforcePaths();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // An unknown address answers 404 with the console's own page (the REST API writes its own errors).
        // Not inside a UseWhen branch: a re-execution there never reaches routing again, so it answered an empty 404.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSalesforceApi();
        app.MapStaticAssets();
        app.MapConsoleAuthentication();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>A browser asking for a page: not the REST API, the circuit's connection or a static asset.</summary>
    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/services", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase);

    /// <summary>Schema and demo data before the worker starts reading operations.</summary>
    public static Task InitializeDatabaseAsync(this WebApplication app) =>
        app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}
