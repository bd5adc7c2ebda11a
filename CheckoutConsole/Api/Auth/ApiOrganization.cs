using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.Auth;

/// <summary>The one org the console emulates; clients read its id from the login's identity URL.</summary>
public static class ApiOrganization
{
    private const string Id15 = KeyPrefixes.Organization + "CC0000000001";

    public static string Id { get; } = Id15 + SalesforceId.Checksum(Id15);

    public const string Name = "Checkout Console";

    /// <summary>Salesforce names the instance an org lives on (NA123, CS42); this one lives on the developer's machine.</summary>
    public const string InstanceName = "LOCAL";

    public const string OrganizationType = "Developer Edition";
}
