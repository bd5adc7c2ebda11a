using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Components.Theme;
using MudBlazor;
using MudBlazor.Utilities;

namespace CheckoutConsole.Tests.Components.Theme;

/// <summary>WCAG 2.x AA: normal text needs a contrast ratio of at least 4.5:1, in both palettes.</summary>
public sealed class ThemeContrastTests
{
    private const double AaNormalText = 4.5;

    private static readonly MudTheme Theme = ConsoleTheme.Create();

    public static TheoryData<string> Palettes => ["light", "dark"];

    [Fact]
    public void Contrast_KnownPairs_MatchWcagsFigures()
    {
        Assert.Equal(21.0, Contrast(new MudColor("#ffffff"), new MudColor("#000000")), 2);
        Assert.Equal(4.54, Contrast(new MudColor("#767676"), new MudColor("#ffffff")), 2);
        Assert.Equal(1.0, Contrast(new MudColor("#1f4e8c"), new MudColor("#1f4e8c")), 2);
    }

    [Theory]
    [MemberData(nameof(Palettes))]
    public void Chips_ActiveCompleteAndTheAdminBadge_MeetAa(string palette)
    {
        var p = PaletteOf(palette);

        // "Active" and "Complete" are StatusBadge chips; the ADMIN badge is a Warning chip (filled: text on the colour).
        Assert.True(Contrast(Fill(p, StatusBadge.ColorOf("Active")), Text(p, StatusBadge.ColorOf("Active"))) >= AaNormalText, "Active chip");
        Assert.True(Contrast(Fill(p, StatusBadge.ColorOf("Complete")), Text(p, StatusBadge.ColorOf("Complete"))) >= AaNormalText, "Complete chip");
        Assert.True(Contrast(Fill(p, Color.Warning), Text(p, Color.Warning)) >= AaNormalText, "ADMIN badge");
    }

    [Theory]
    [MemberData(nameof(Palettes))]
    public void EveryColour_AsAFillWithItsTextAndAsTextOnTheSurface_MeetsAa(string palette)
    {
        var p = PaletteOf(palette);

        foreach (var color in new[] { Color.Primary, Color.Secondary, Color.Tertiary, Color.Info, Color.Success, Color.Warning, Color.Error, Color.Dark })
        {
            Assert.True(Contrast(Fill(p, color), Text(p, color)) >= AaNormalText, $"{color} filled: {Contrast(Fill(p, color), Text(p, color)):0.00}");
            Assert.True(Contrast(Fill(p, color), p.Surface) >= AaNormalText, $"{color} as text on the surface: {Contrast(Fill(p, color), p.Surface):0.00}");
            Assert.True(Contrast(Fill(p, color), p.Background) >= AaNormalText, $"{color} as text on the background: {Contrast(Fill(p, color), p.Background):0.00}");
        }
    }

    [Theory]
    [MemberData(nameof(Palettes))]
    public void BodyTextAndAppBar_MeetAa(string palette)
    {
        var p = PaletteOf(palette);

        Assert.True(Contrast(p.TextPrimary, p.Surface) >= AaNormalText);
        Assert.True(Contrast(p.TextSecondary, p.Surface) >= AaNormalText);
        Assert.True(Contrast(p.TextSecondary, p.Background) >= AaNormalText);
        Assert.True(Contrast(p.AppbarText, p.AppbarBackground) >= AaNormalText);
        Assert.True(Contrast(p.DrawerText, p.DrawerBackground) >= AaNormalText);
    }

    private static Palette PaletteOf(string name) => name == "dark" ? Theme.PaletteDark : Theme.PaletteLight;

    private static MudColor Fill(Palette p, Color color) => color switch
    {
        Color.Primary => p.Primary,
        Color.Secondary => p.Secondary,
        Color.Tertiary => p.Tertiary,
        Color.Info => p.Info,
        Color.Success => p.Success,
        Color.Warning => p.Warning,
        Color.Error => p.Error,
        Color.Dark => p.Dark,
        _ => throw new ArgumentOutOfRangeException(nameof(color), color, "No palette colour."),
    };

    private static MudColor Text(Palette p, Color color) => color switch
    {
        Color.Primary => p.PrimaryContrastText,
        Color.Secondary => p.SecondaryContrastText,
        Color.Tertiary => p.TertiaryContrastText,
        Color.Info => p.InfoContrastText,
        Color.Success => p.SuccessContrastText,
        Color.Warning => p.WarningContrastText,
        Color.Error => p.ErrorContrastText,
        Color.Dark => p.DarkContrastText,
        _ => throw new ArgumentOutOfRangeException(nameof(color), color, "No palette colour."),
    };

    private static double Contrast(MudColor a, MudColor b)
    {
        var (light, dark) = (Luminance(a), Luminance(b)) is var (x, y) && x > y ? (x, y) : (y, x);
        return (light + 0.05) / (dark + 0.05);
    }

    private static double Luminance(MudColor c) => 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);

    private static double Channel(byte value)
    {
        var s = value / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
