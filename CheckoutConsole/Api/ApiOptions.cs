namespace CheckoutConsole.Api;

/// <summary>Settings of the Salesforce-compatible REST API (section "Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public string ClientId { get; set; } = "checkout-console";
    public string ClientSecret { get; set; } = "checkout-console-secret";

    /// <summary>How long an access token stays valid.</summary>
    public int TokenLifetimeMinutes { get; set; } = 120;

    /// <summary>The delay before answering a login for a username after its first failure; it doubles with every further failure.</summary>
    public int LoginFailureDelayMs { get; set; } = 500;

    public int LoginFailureMaxDelayMs { get; set; } = 8000;

    /// <summary>Failures older than this no longer slow a username's logins down.</summary>
    public int LoginFailureWindowMinutes { get; set; } = 15;

    /// <summary>The org's daily API request allowance that Sforce-Limit-Info and the limits resource report (15,000 is a Developer Edition org's).</summary>
    public int DailyApiRequests { get; set; } = 15_000;

    /// <summary>The instance_url handed out at login; empty means the URL the client called.</summary>
    public string? InstanceUrl { get; set; }
}
