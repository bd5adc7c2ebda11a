using Bunit;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class RecordingExportLinksTests : DomainComponentTestBase
{
    [Fact]
    public void Render_ScenarioCart_OffersTheFourFormatsAsDownloadsOfThatCartsRecording()
    {
        var cut = Render<RecordingExportLinks>(p => p.Add(x => x.CartId, "0a6000000000001AAA"));

        var links = cut.FindAll("[data-testid^=recording-export-]");
        Assert.Equal(
            [
                ("curl script", "console/carts/0a6000000000001AAA/recording/curl"),
                (".http file", "console/carts/0a6000000000001AAA/recording/http"),
                ("jsforce script", "console/carts/0a6000000000001AAA/recording/jsforce"),
                ("xUnit test", "console/carts/0a6000000000001AAA/recording/xunit"),
            ],
            links.Select(l => (l.TextContent.Trim(), l.GetAttribute("href"))));
        // A download, not a navigation away from the live page.
        Assert.All(links, l => Assert.Equal("a", l.LocalName.ToLowerInvariant()));
        Assert.All(links, l => Assert.True(l.HasAttribute("download"), $"{l.TextContent.Trim()} isn't marked as a download."));
    }

    [Fact]
    public async Task Render_CartMadeAfterTheScenario_SaysWhyThereIsNoExportInsteadOfOfferingOne()
    {
        var created = await Harness.Carts.CreateCartAsync(Harness.As(DemoData.Alice), Harness.Demo.AcmeStoreId, null);
        Assert.True(created.IsSuccess, created.Error?.Message);

        var cut = Render<RecordingExportLinks>(p => p.Add(x => x.CartId, created.Value!));

        Assert.Empty(cut.FindAll("a[data-testid^=recording-export-]"));
        Assert.Contains("made after the scenario was loaded", cut.Find("[data-testid=recording-export-unavailable]").TextContent);
    }
}
