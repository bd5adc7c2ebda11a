using MudBlazor;

namespace CheckoutConsole.Components.Theme;

/// <summary>
/// The console's one theme. Every colour a chip, badge or button puts text on meets WCAG AA (4.5:1)
/// against its contrast text, and every colour used as text meets it against the surface
/// (ThemeContrastTests checks the pairs).
/// </summary>
public static class ConsoleTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e8c",
            PrimaryContrastText = "#ffffff",
            Secondary = "#4b5a6e",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#5b3f8c",
            TertiaryContrastText = "#ffffff",
            Info = "#0b5aa6",
            InfoContrastText = "#ffffff",
            Success = "#1b6b2f",
            SuccessContrastText = "#ffffff",
            Warning = "#8a4b00",
            WarningContrastText = "#ffffff",
            Error = "#b3261e",
            ErrorContrastText = "#ffffff",
            Dark = "#37414f",
            DarkContrastText = "#ffffff",
            AppbarBackground = "#1f4e8c",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1b2430",
            DrawerIcon = "#4b5a6e",
            TextPrimary = "#1b2430",
            TextSecondary = "#4f5b6a",
            ActionDefault = "#4f5b6a",
            LinesDefault = "#dde3ea",
            TableLines = "#dde3ea",
            Divider = "#dde3ea",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9cc2ff",
            PrimaryContrastText = "#0d1b2e",
            Secondary = "#b8c4d4",
            SecondaryContrastText = "#10161f",
            Tertiary = "#cdb6ff",
            TertiaryContrastText = "#1a1030",
            Info = "#8fcbff",
            InfoContrastText = "#06223d",
            Success = "#86d49a",
            SuccessContrastText = "#07290f",
            Warning = "#ffc27a",
            WarningContrastText = "#2e1900",
            Error = "#ffa198",
            ErrorContrastText = "#3b0905",
            Dark = "#c5cdd8",
            DarkContrastText = "#10161f",
            AppbarBackground = "#1a2230",
            AppbarText = "#eef2f7",
            Background = "#111418",
            Surface = "#1b2028",
            DrawerBackground = "#161b22",
            DrawerText = "#e6ebf2",
            DrawerIcon = "#b8c4d4",
            TextPrimary = "#e6ebf2",
            TextSecondary = "#b3bdca",
            ActionDefault = "#b3bdca",
            LinesDefault = "#343c48",
            TableLines = "#343c48",
            Divider = "#343c48",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "232px" },
    };
}
