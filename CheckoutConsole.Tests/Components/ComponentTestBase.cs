using System.Runtime.CompilerServices;
using AngleSharp.Dom;
using Bunit;
using CheckoutConsole.Auth;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CheckoutConsole.Tests.Components;

/// <summary>
/// The one place that knows about the bUnit workarounds this machine needs (the registry lacks
/// AngleSharp.Diffing >= 1.1.1, which bUnit's comparer and its Click()/Change() helpers load), so
/// tests read as plain bUnit: Render, Find, ClickAsync, WaitForAssertion.
/// </summary>
public abstract class ComponentTestBase : BunitContext
{
    private static readonly Type HtmlComparerType =
        typeof(BunitContext).Assembly.GetType("Bunit.Diffing.HtmlComparer", throwOnError: true)!;

    protected ComponentTestBase()
    {
        // Registered uninitialised: its constructor loads AngleSharp.Diffing, which is missing.
        Services.AddSingleton(HtmlComparerType, RuntimeHelpers.GetUninitializedObject(HtmlComparerType));
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Serves the component the real domain services of a harness (real state, zero task latency).</summary>
    protected void UseDomain(DomainHarness harness)
    {
        Services.AddSingleton(harness.Service);
        Services.AddSingleton(harness.Queries);
        Services.AddSingleton(harness.Services.GetRequiredService<AdminQueries>());
        Services.AddSingleton(harness.Feed);
        Services.AddSingleton(harness.Faults);
        Services.AddSingleton(harness.EmulatorClock);
        Services.AddSingleton<TimeProvider>(harness.EmulatorClock);
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

    protected Task ClickAsync(IElement element) =>
        DispatchAsync(element, "onclick", new MouseEventArgs());

    protected Task ClickAsync<T>(IRenderedComponent<T> cut, string selector) where T : IComponent =>
        ClickAsync(cut.Find(selector));

    protected Task ChangeAsync(IElement element, object? value) =>
        DispatchAsync(element, "onchange", new ChangeEventArgs { Value = value });

    protected Task InputAsync(IElement element, object? value) =>
        DispatchAsync(element, "oninput", new ChangeEventArgs { Value = value });

    private Task DispatchAsync(IElement element, string eventName, EventArgs args)
    {
        var handler = element.GetAttribute($"blazor:{eventName}")
            ?? throw new InvalidOperationException($"<{element.TagName.ToLowerInvariant()}> has no {eventName} handler: {element.OuterHtml[..Math.Min(200, element.OuterHtml.Length)]}");
        return Renderer.DispatchEventAsync(ulong.Parse(handler, System.Globalization.CultureInfo.InvariantCulture), new EventFieldInfo(), args);
    }
}
