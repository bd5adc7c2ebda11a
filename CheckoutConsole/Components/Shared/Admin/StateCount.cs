namespace CheckoutConsole.Components.Shared.Admin;

/// <summary>One count chip: Key identifies what clicking it filters by; Tone is a CSS class.</summary>
public sealed record StateCount(string Key, string Label, int Count, string Tone = "", string? Hint = null);
