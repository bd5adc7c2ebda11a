using Bunit;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Components.Pages;
using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Tests.Components;

public sealed class ApiPageTests : ComponentTestBase
{
    [Fact]
    public void Render_ApiPage_ListsEveryActionWithItsInputs()
    {
        var cut = Render<ApiPage>();

        var rows = cut.FindAll("[data-testid=action-row]");
        Assert.Equal(CheckoutActions.All.Select(a => a.ApiName), rows.Select(r => r.GetAttribute("data-action")));
        var update = rows.Single(r => r.GetAttribute("data-action") == "updateCheckoutSessionAction");
        Assert.Contains("updateCheckoutSessionStateAction", update.TextContent);
        Assert.Contains("expCurrentState", update.TextContent);
    }

    [Fact]
    public void Render_ApiPage_LinksTheOpenApiDocumentAndShowsTheWalkthrough()
    {
        var cut = Render<ApiPage>();

        Assert.Equal(ApiDocument.Route, cut.Find("[data-testid=openapi-link]").GetAttribute("href"));
        Assert.Equal(ApiWalkthrough.Script, cut.Find("[data-testid=walkthrough]").TextContent);
    }

    [Fact]
    public void Readme_RestApiSection_CarriesThePagesWalkthroughVerbatim()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        var section = readme[readme.IndexOf("## REST API", StringComparison.Ordinal)..];

        Assert.Contains("```bash\n" + ApiWalkthrough.Script + "\n```", section.ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CheckoutConsole.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No CheckoutConsole.sln above the test output.");
    }
}
