using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Emulator;

namespace CheckoutConsole.Domain.Data;

/// <summary>The demo data set of SPEC §7 (a scenario file); tests and the README rely on these names.</summary>
public static class DemoData
{
    public const string AcmeStore = "Acme B2B Store";
    public const string GlobexStore = "Globex Store";
    public const string AcmeSupply = "Acme Supply";
    public const string UmbrellaCorp = "Umbrella Corp";
    public const string Initech = "Initech";

    public const string Alice = "alice@acme.example";
    public const string Bob = "bob@acme.example";
    public const string Carol = "carol@initech.example";
    public const string Dave = "dave@acme.example";
    public const string Integrator = "integrator@console.example";
    public const string Admin = "admin@console.example";

    /// <summary>The demo users' passwords, as the scenario file lists them.</summary>
    public static IReadOnlyDictionary<string, string> Passwords => LazyPasswords.Value;

    public const string OutOfStockSku = "SKU-7";
    public const string LowStockSku = "SKU-3";

    /// <summary>The built-in scenario (Data/DemoScenario.json, embedded): the README's example of a scenario file.</summary>
    public static Scenario Scenario => LazyScenario.Value;

    public static string ScenarioJson => LazyJson.Value;

    private static readonly Lazy<string> LazyJson = new(() =>
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("CheckoutConsole.Domain.Data.DemoScenario.json")
            ?? throw new InvalidOperationException("The demo scenario isn't embedded in the domain assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<Scenario> LazyScenario = new(() =>
    {
        var (scenario, problem) = Scenario.Parse(LazyJson.Value);
        return scenario ?? throw new InvalidOperationException($"The demo scenario is invalid: {problem}");
    });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyPasswords = new(() =>
        LazyScenario.Value.Users.ToDictionary(u => u.Username, u => u.Password, StringComparer.Ordinal));

    /// <summary>Writes the demo scenario into an empty database; false when it already holds a world.</summary>
    public static Task<bool> SeedIfEmptyAsync(CheckoutDbContext db, IdSequences ids, DateTime now, CancellationToken ct = default) =>
        ScenarioWriter.SeedIfEmptyAsync(db, ids, Scenario, now, ct);
}
