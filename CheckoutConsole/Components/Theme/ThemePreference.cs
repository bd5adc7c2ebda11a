namespace CheckoutConsole.Components.Theme;

/// <summary>
/// Light or dark: the user's choice from the app bar's toggle when they made one, else what their
/// browser prefers. Both live in cookies, so a page's first paint (rendered on the server) already
/// has the right palette and the choice is remembered across visits.
/// </summary>
public static class ThemePreference
{
    public const string Light = "light";
    public const string Dark = "dark";

    /// <summary>The user's explicit choice: "light" or "dark"; absent means "follow the browser".</summary>
    public const string ChoiceCookie = "cc-theme";

    /// <summary>What the browser said it prefers the last time a page asked it ("light" or "dark").</summary>
    public const string BrowserCookie = "cc-theme-browser";

    public static string FromCookies(IRequestCookieCollection cookies) =>
        Normalize(cookies[ChoiceCookie]) ?? Normalize(cookies[BrowserCookie]) ?? Light;

    public static bool HasChoice(IRequestCookieCollection cookies) => Normalize(cookies[ChoiceCookie]) is not null;

    private static string? Normalize(string? value) => value switch
    {
        Dark => Dark,
        Light => Light,
        _ => null,
    };
}
