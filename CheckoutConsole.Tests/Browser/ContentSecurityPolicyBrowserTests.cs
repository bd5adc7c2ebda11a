using CheckoutConsole.Domain.Data;
using Microsoft.Playwright;

namespace CheckoutConsole.Tests.Browser;

/// <summary>Finding 10 of #14: the console works under its own content security policy, with no violation in Chromium.</summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture fixture) : BrowserTestBase(fixture)
{
    [BrowserFact]
    public Task Console_EveryKindOfPage_RendersLiveWithNoContentSecurityPolicyViolation() => RunAsync(async () =>
    {
        var server = StartServer();
        var browser = await OpenBrowserAsync(server);
        var violations = new List<string>();
        await browser.Page.ExposeFunctionAsync("reportViolation", (string what) => { lock (violations) { violations.Add(what); } });
        await browser.Page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));");

        await browser.SignInAsync(DemoData.Admin, DemoData.Passwords[DemoData.Admin], returnUrl: "/admin");
        var response = await browser.Page.GotoAsync("/admin");
        await browser.WaitForInteractiveAsync();
        foreach (var path in new[] { "/", "/buyer", "/api" })
        {
            await browser.GotoAsync(path);
        }

        // The sign-in page is a plain server-rendered form: no circuit to wait for.
        await browser.Page.GotoAsync("/signin");
        await browser.Page.GetByTestId("signin-form").WaitForAsync();

        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
        Assert.Empty(violations);
        Assert.DoesNotContain(browser.ConsoleMessages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(browser.ConsoleErrors);
    });
}
