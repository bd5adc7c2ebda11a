using Bunit;
using CheckoutConsole.Auth;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CheckoutConsole.Tests.Components;

/// <summary>The one base of the component tests: plain bUnit over the real domain services of a harness.</summary>
public abstract class ComponentTestBase : BunitContext
{
    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Serves the component the real domain services of a harness (real state, zero task latency).</summary>
    protected void UseDomain(DomainHarness harness)
    {
        Services.AddSingleton(harness.Service);
        Services.AddSingleton(harness.Carts);
        Services.AddSingleton(harness.Admin);
        Services.AddSingleton(harness.Queries);
        Services.AddSingleton(harness.Services.GetRequiredService<AdminQueries>());
        Services.AddSingleton(harness.Feed);
        Services.AddSingleton(harness.Faults);
        Services.AddSingleton<TimeProvider>(harness.Clock);
        Services.AddSingleton(harness.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CheckoutDbContext>>());
    }

    /// <summary>Signs a demo user in, with the same claims the console's cookie carries.</summary>
    protected void SignInAs(DomainHarness harness, string username)
    {
        var user = harness.Queries.FindUserByUsernameAsync(username).GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"No demo user {username}.");
        var principal = ConsoleAuthentication.CreatePrincipal(user);
        var auth = AddAuthorization();
        auth.SetAuthorized(user.Username);
        auth.SetClaims([.. principal.Claims]);
        if (user.IsAdmin)
        {
            auth.SetPolicies(ConsoleAuthentication.AdminPolicy);
        }
    }

    /// <summary>Call after the test's own service registrations, for components that read RendererInfo.</summary>
    protected void UseInteractiveServerRenderer() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
