namespace CheckoutConsole.Domain.Accounts;

/// <summary>
/// Sign-in settings shared by the console and the API (section "Api", where they have always been
/// set: Api:LoginFailureDelayMs and so on).
/// </summary>
public sealed class LoginOptions
{
    public const string SectionName = "Api";

    /// <summary>After a failure, the next attempt for that username from that client waits this long; it doubles with each further failure.</summary>
    public int LoginFailureDelayMs { get; set; } = 500;

    public int LoginFailureMaxDelayMs { get; set; } = 8000;

    /// <summary>Failures older than this no longer count.</summary>
    public int LoginFailureWindowMinutes { get; set; } = 15;

    /// <summary>A wait up to this long is served by holding the attempt; a longer one is refused (429 with Retry-After).</summary>
    public int LoginMaxHeldMs { get; set; } = 1000;

    /// <summary>How many (username, client) failure records are kept; past it the least telling ones go first.</summary>
    public int LoginFailureMaxTracked { get; set; } = 10_000;

    /// <summary>Password hashes at once; 0 means half the processors (at least one).</summary>
    public int MaxConcurrentPasswordHashes { get; set; }

    /// <summary>Checks that may wait for a hash slot; more are refused at once as busy.</summary>
    public int MaxWaitingPasswordHashes { get; set; } = 64;

    /// <summary>Console sign-ins stay valid this long after the last request (sliding).</summary>
    public int ConsoleSessionHours { get; set; } = 8;
}
