using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace CheckoutConsole.Tests.Browser;

/// <summary>
/// Runs a test body against a fresh server and browser page; when the body fails it saves a
/// screenshot and the page's console messages under test-artifacts/ before rethrowing.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTestBase(BrowserFixture fixture) : IDisposable
{
    private readonly List<ConsoleServer> _servers = [];
    private readonly List<BrowserSession> _sessions = [];

    public static string ArtifactsDirectory { get; } = Path.Combine(FindRepositoryRoot(), "test-artifacts");

    protected ConsoleServer StartServer(IDictionary<string, string?>? settings = null)
    {
        var server = new ConsoleServer(settings);
        _servers.Add(server);
        return server;
    }

    protected async Task<BrowserSession> OpenBrowserAsync(ConsoleServer server, string name = "browser", int width = 1440, int height = 1000,
        ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var session = new BrowserSession(name, context, page);
        _sessions.Add(session);
        return session;
    }

    protected async Task RunAsync(Func<Task> body, [CallerMemberName] string testName = "")
    {
        try
        {
            await body();
        }
        catch
        {
            await SaveFailureArtifactsAsync(testName);
            throw;
        }
        finally
        {
            foreach (var session in _sessions)
            {
                await session.Context.CloseAsync();
            }
        }
    }

    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Path.Combine(ArtifactsDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ArtifactsDirectory, "screenshots", name + ".png"),
            FullPage = true,
        });
    }

    private async Task SaveFailureArtifactsAsync(string testName)
    {
        var directory = Path.Combine(ArtifactsDirectory, "failures", testName);
        Directory.CreateDirectory(directory);
        foreach (var session in _sessions)
        {
            try
            {
                await session.Page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(directory, session.Name + ".png"),
                    FullPage = true,
                });
            }
            catch (PlaywrightException)
            {
                // The page may be gone; the console log below still tells what happened.
            }

            await File.WriteAllLinesAsync(Path.Combine(directory, session.Name + "-console.log"), session.ConsoleMessages);
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CheckoutConsole.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class BrowserSession
{
    private readonly List<string> _consoleMessages = [];
    private readonly HashSet<string> _expectedNotFound = [];

    public BrowserSession(string name, IBrowserContext context, IPage page)
    {
        Name = name;
        Context = context;
        Page = page;
        page.Console += (_, message) => Record($"{message.Type}: {message.Text}", message.Type == "error" && !IsExpectedNotFound(message));
        page.PageError += (_, error) => Record($"pageerror: {error}", isError: true);
    }

    public string Name { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleMessages
    {
        get { lock (_consoleMessages) { return [.. _consoleMessages]; } }
    }

    public IReadOnlyList<string> ConsoleErrors { get; private set; } = [];

    /// <summary>
    /// The test opens <paramref name="path"/> to see a 404 page: Chromium logs the document's 404 status as a
    /// console error, which is then not one (the test asserts the status itself).
    /// </summary>
    public void ExpectNotFound(string path)
    {
        lock (_consoleMessages)
        {
            _expectedNotFound.Add(path);
        }
    }

    private bool IsExpectedNotFound(IConsoleMessage message)
    {
        if (!message.Text.Contains("status of 404", StringComparison.Ordinal))
        {
            return false;
        }

        lock (_consoleMessages)
        {
            return _expectedNotFound.Any(path => message.Location.Contains(path, StringComparison.Ordinal));
        }
    }

    /// <summary>Navigates and waits until the circuit is up, so clicks reach the server.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>Signs in through the real sign-in form (a plain form: no circuit to wait for) with a demo user's password.</summary>
    public async Task SignInAsync(string username, string password, string? returnUrl = "/buyer")
    {
        await Page.GotoAsync(returnUrl is null ? "/signin" : "/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await Page.GetByTestId("signin-username").FillAsync(username);
        await Page.GetByTestId("signin-password").FillAsync(password);
        await Page.GetByTestId("signin-submit").ClickAsync();
        await Page.GetByTestId("header-user").WaitForAsync();
        await WaitForInteractiveAsync();
    }

    /// <summary>Picks an option of a MudSelect the way a person does: open the list, click the option.</summary>
    public async Task ChooseAsync(string testId, string option)
    {
        await Page.GetByTestId(testId).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = option, Exact = true }).ClickAsync();
    }

    public Task WaitForInteractiveAsync() =>
        Page.Locator("[data-testid=interactivity][data-interactive=true]").WaitForAsync(
            new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    private void Record(string line, bool isError)
    {
        lock (_consoleMessages)
        {
            _consoleMessages.Add(line);
            if (isError)
            {
                ConsoleErrors = [.. ConsoleErrors, line];
            }
        }
    }
}
