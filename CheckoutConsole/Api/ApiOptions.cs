namespace CheckoutConsole.Api;

/// <summary>Settings of the Salesforce-compatible REST API (section "Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public string ClientId { get; set; } = "checkout-console";
    public string ClientSecret { get; set; } = "checkout-console-secret";

    /// <summary>How long an access token stays valid.</summary>
    public int TokenLifetimeMinutes { get; set; } = 120;

    /// <summary>The org's daily API request allowance that Sforce-Limit-Info and the limits resource report (15,000 is a Developer Edition org's).</summary>
    public int DailyApiRequests { get; set; } = 15_000;

    /// <summary>The instance_url handed out at login; empty means the address the server listens on.</summary>
    public string? InstanceUrl { get; set; }

    /// <summary>Build instance_url from the URL the client called (only behind a proxy you trust to set the Host).</summary>
    public bool InstanceUrlFromRequest { get; set; }
}
