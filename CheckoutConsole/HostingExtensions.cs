using CheckoutConsole.Api;
using CheckoutConsole.Auth;
using CheckoutConsole.Components;
using CheckoutConsole.Domain;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Live;
using CheckoutConsole.Team;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;

namespace CheckoutConsole;

public static class HostingExtensions
{
    public static WebApplicationBuilder AddCheckoutConsole(this WebApplicationBuilder builder)
    {
        // Serve the Razor class libraries' assets (Radzen's CSS and JS) straight from the build
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
        builder.Services.AddRadzenComponents();
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

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSalesforceApi();
        app.MapStaticAssets();
        app.MapConsoleAuthentication();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Schema and demo data before the worker starts reading operations.</summary>
    public static Task InitializeDatabaseAsync(this WebApplication app) =>
        app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}
