using System.Globalization;

namespace CheckoutConsole.Api;

/// <summary>The REST API versions the console answers to: 49.0 (Summer '20) to 67.0.</summary>
public static class ApiVersions
{
    public const int Oldest = 49;
    public const int Newest = 67;
    public const string Default = "62.0";

    public static IEnumerable<string> All => Enumerable.Range(Oldest, Newest - Oldest + 1).Select(v => $"{v}.0");

    public static bool IsSupported(string? version) =>
        version is { Length: 4 } && version.EndsWith(".0", StringComparison.Ordinal)
        && int.TryParse(version.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
        && major is >= Oldest and <= Newest;

    /// <summary>The release name, e.g. "Summer '20" for 49.0: three releases a year, Summer, Winter, Spring.</summary>
    public static string Label(string version)
    {
        var index = int.Parse(version.AsSpan(0, 2), CultureInfo.InvariantCulture) - Oldest;
        var season = (index % 3) switch { 0 => "Summer", 1 => "Winter", _ => "Spring" };
        return $"{season} '{20 + ((index + 2) / 3)}";
    }
}
