using MudBlazor;

namespace CheckoutConsole.Components.Shared.Admin;

/// <summary>One count: Key identifies what clicking it filters by.</summary>
public sealed record StateCount(string Key, string Label, int Count, Color Tone = Color.Default, string? Hint = null);
