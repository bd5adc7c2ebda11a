using AngleSharp.Dom;
using Bunit;
using CheckoutConsole.Auth;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;

namespace CheckoutConsole.Tests.Components;

/// <summary>The one base of the component tests: plain bUnit over the real domain services of a harness, with MudBlazor's services registered once.</summary>
[Collection(ComponentCollection.Name)]
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    private bool _disposedAsync;

    // The machines this runs on have two cores shared with other builds: renders and waits get room, not retries.
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void GiveTheRendererRoom()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
    }

    protected ComponentTestBase()
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>What a test class set up for itself (a harness), disposed after the components.</summary>
    protected virtual Task DisposeResourcesAsync() => Task.CompletedTask;

    // MudBlazor's services are IAsyncDisposable only, so the context is disposed asynchronously;
    // the synchronous Dispose xunit calls afterwards then has nothing left to do.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        _disposedAsync = true;
        await DisposeResourcesAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (!_disposedAsync)
        {
            base.Dispose(disposing);
        }
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
        Services.AddSingleton(harness.EmulatorClock);
        Services.AddSingleton(harness.Emulator);
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

    protected static Task ClickAsync(IElement element) => element.ClickAsync(new MouseEventArgs());

    protected static Task ClickAsync<T>(IRenderedComponent<T> cut, string selector) where T : IComponent =>
        ClickAsync(cut.Find(selector));

    protected static Task ChangeAsync(IElement element, object? value) => element.ChangeAsync(new ChangeEventArgs { Value = value });

    protected static Task InputAsync(IElement element, object? value) => element.InputAsync(new ChangeEventArgs { Value = value });

    /// <summary>Picks a value in the MudSelect whose data-testid is <paramref name="testId"/>, as choosing it from the list does.</summary>
    protected static Task SelectAsync<TComponent>(IRenderedComponent<TComponent> cut, string testId, string value) where TComponent : class, IComponent
    {
        var select = ((IRenderedComponent<IComponent>)cut).FindComponents<MudSelect<string>>()
            .SingleOrDefault(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, testId))
            ?? throw new InvalidOperationException($"No MudSelect with data-testid '{testId}'.");
        return cut.InvokeAsync(() => select.Instance.SelectOption(value));
    }

    /// <summary>The value the MudSelect whose data-testid is <paramref name="testId"/> holds.</summary>
    protected static string? SelectedValue<TComponent>(IRenderedComponent<TComponent> cut, string testId) where TComponent : class, IComponent =>
        ((IRenderedComponent<IComponent>)cut).FindComponents<MudSelect<string>>()
            .Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, testId)).Instance.GetState(x => x.Value);

    /// <summary>The messages the page showed as snackbars, oldest first.</summary>
    protected IReadOnlyList<string> Snackbars => [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "")];
}

/// <summary>
/// Component tests run one class at a time: on a shared two-core machine, parallel classes starved each
/// other's renderer dispatchers (each passed alone, several failed together).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ComponentCollection
{
    public const string Name = "components";
}
