using System.Xml.Linq;
using CheckoutConsole.Domain.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Team;

/// <summary>
/// Team mode: the Data Protection key ring in the shared database, so a sign-in cookie or an
/// antiforgery token made by one instance is read by every other. (A repository over the domain's
/// store rather than the EF Core package's context interface keeps ASP.NET Core out of the domain.)
/// </summary>
public sealed class DatabaseKeyRepository(KeyRingStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.GetAll().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) => store.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

public static class TeamModeServiceCollectionExtensions
{
    /// <summary>What the web front end keeps in the database when several instances share it.</summary>
    public static IServiceCollection AddTeamModeWeb(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CheckoutConsole");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<KeyRingStore>())));
        return services;
    }
}
