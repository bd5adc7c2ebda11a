using System.Globalization;
using CheckoutConsole.Components.Shared.Admin;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CheckoutConsole.Components.Pages.Admin;

/// <summary>
/// The admin grid. Its filters and sort live in the query string: every change navigates (so Back
/// undoes it and a copied link opens the same view), and the page reads them back from the address.
/// </summary>
public sealed partial class AdminCheckoutsPage
{
    private static readonly int[] PageSizes = [15, 30, 100];

    private static readonly Dictionary<string, Func<AdminCheckoutRow, DateTime, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["cart"] = (r, _) => r.CartName,
        ["store"] = (r, _) => r.StoreName + "\u0001" + r.AccountName,
        ["status"] = (r, _) => r.CartStatus,
        ["state"] = (r, _) => r.State,
        ["age"] = (r, now) => r.Age(now),
        ["total"] = (r, _) => r.GrandTotal,
        ["changed"] = (r, _) => r.LastModified,
    };

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "store")] public string? Store { get; set; }
    [SupplyParameterFromQuery(Name = "account")] public string? Account { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? CartStatus { get; set; }
    [SupplyParameterFromQuery(Name = "state")] public string? State { get; set; }
    [SupplyParameterFromQuery(Name = "processing")] public string? Processing { get; set; }
    [SupplyParameterFromQuery(Name = "error")] public string? Error { get; set; }
    [SupplyParameterFromQuery(Name = "archived")] public string? Archived { get; set; }
    [SupplyParameterFromQuery(Name = "age")] public string? OlderThan { get; set; }
    [SupplyParameterFromQuery(Name = "count")] public string? Count { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Direction { get; set; }

    protected override TimeSpan? RefreshInterval => TimeSpan.FromSeconds(5);

    // Every row, count and "last change" may move with any change to any cart, the directory or the clock.
    protected override bool Shows(CheckoutChange change) => true;

    private readonly AdminCheckoutFilter _filter = new();
    private IReadOnlyList<AdminCheckoutRow> _all = [];
    private List<AdminCheckoutRow> _rows = [];
    private IReadOnlyList<StateCount> _counts = [];
    private HashSet<string> _stuck = [];
    private IReadOnlyList<string> _stores = [];
    private IReadOnlyList<string> _accounts = [];
    private string? _selectedCount;
    private string? _filterError;

    private string SortKey => Sort is { } key && SortKeys.ContainsKey(key) ? key : "changed";

    private bool Descending => Sort is null ? Direction != "asc" : Direction == "desc";

    protected override void OnParametersSet()
    {
        _filter.Reset();
        _filterError = null;
        _filter.Text = Blank(Text);
        _filter.Store = Blank(Store);
        _filter.Account = Blank(Account);
        _filter.CartStatus = Blank(CartStatus);
        _filter.State = Blank(State);
        _filter.Processing = YesNo(Processing);
        _filter.Error = YesNo(Error);
        _filter.Archived = Archived switch { "yes" => true, "all" => null, _ => false };
        _filter.StuckOnly = Count == "stuck";
        _selectedCount = Blank(Count);
        if (!string.IsNullOrWhiteSpace(OlderThan))
        {
            if (int.TryParse(OlderThan, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 1_000_000)
            {
                _filter.OlderThanMinutes = minutes;
            }
            else
            {
                _filterError = $"Older than: expected whole minutes from 1 to 1,000,000, found '{OlderThan}'.";
            }
        }

        ApplyFilters();
    }

    protected override async Task LoadAsync()
    {
        _all = await Admin.ListCheckoutsAsync();
        _stuck = AdminQueries.FindStuck(_all, Now, Options).Select(s => s.Row.Key).ToHashSet();
        _stores = [.. _all.Select(r => r.StoreName).Distinct().Order()];
        _accounts = [.. _all.Select(r => r.AccountName).Distinct().Order()];
        _counts = CountRows(_all);
        ApplyFilters();
    }

    private IReadOnlyList<StateCount> CountRows(IReadOnlyList<AdminCheckoutRow> rows)
    {
        var open = rows.Where(r => r.IsOpenSession).ToList();
        var counts = new List<StateCount>
        {
            new("carts", "carts", rows.Select(r => r.CartId).Distinct().Count(), Color.Default, "Every cart"),
            new("none", "no open session", rows.Count(r => !r.HasSession), Color.Default, "Carts without an open checkout session"),
        };
        counts.AddRange(CheckoutFlow.States
            .Select(state => (state, n: open.Count(r => r.State == state)))
            .Where(x => x.n > 0)
            .Select(x => new StateCount("state:" + x.state, x.state, x.n,
                x.state == CheckoutFlow.Error ? Color.Error : CheckoutFlow.IsTaskState(x.state) ? Color.Tertiary : Color.Primary,
                $"Open sessions in state {x.state}")));
        counts.Add(new("processing", "processing", open.Count(r => r.IsProcessing), Color.Warning, "Open sessions with IsProcessing"));
        counts.Add(new("error", "with errors", open.Count(r => r.IsError || r.HasErrors), Color.Error, "IsError or an undismissed Error output"));
        counts.Add(new("stuck", "stuck", _stuck.Count, Color.Error,
            $"Processing over {Options.StuckProcessingSeconds} s or open over {Options.StuckOpenMinutes} min"));
        return counts;
    }

    /// <summary>A count replaces the filters with the one it stands for.</summary>
    private void SelectCount(string? key)
    {
        var query = new Dictionary<string, object?>(AllKeysCleared()) { ["count"] = key };
        switch (key)
        {
            case "none":
                query["state"] = AdminCheckoutFilter.NoSession;
                break;
            case "processing":
                query["processing"] = "yes";
                break;
            case "error":
                query["error"] = "yes";
                break;
            case { } state when state.StartsWith("state:", StringComparison.Ordinal):
                query["state"] = state["state:".Length..];
                break;
        }

        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query));
    }

    private Task SetAsync(string key, string? value)
    {
        // A control that reports the value it already shows must not add a history entry (nor loop).
        if (Blank(value) == Blank(QueryValue(key)))
        {
            return Task.CompletedTask;
        }

        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { [key] = Blank(value), ["count"] = null }));
        return Task.CompletedTask;
    }

    private void SortBy(string key)
    {
        var descending = SortKey == key ? !Descending : key is "changed" or "age" or "total";
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["sort"] = key, ["dir"] = descending ? "desc" : "asc" }));
    }

    private void ResetFilters() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(AllKeysCleared()));

    private static Dictionary<string, object?> AllKeysCleared() => new()
    {
        ["q"] = null, ["store"] = null, ["account"] = null, ["status"] = null, ["state"] = null, ["processing"] = null,
        ["error"] = null, ["archived"] = null, ["age"] = null, ["count"] = null,
    };

    private void ApplyFilters()
    {
        var key = SortKeys[SortKey];
        var now = Now;
        var filtered = _filter.Apply(_all, now, Options);
        _rows = [.. Descending ? filtered.OrderByDescending(r => key(r, now)) : filtered.OrderBy(r => key(r, now))];
    }

    private RenderFragment SortHeader(string title, string key) => builder =>
    {
        var active = SortKey == key;
        builder.OpenComponent<MudButton>(0);
        builder.AddComponentParameter(1, nameof(MudButton.Variant), Variant.Text);
        builder.AddComponentParameter(2, nameof(MudButton.Size), Size.Small);
        builder.AddComponentParameter(3, nameof(MudButton.EndIcon),
            active ? Descending ? Icons.Material.Filled.ArrowDownward : Icons.Material.Filled.ArrowUpward : Icons.Material.Filled.UnfoldMore);
        builder.AddComponentParameter(4, nameof(MudButton.OnClick), EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, () => SortBy(key)));
        builder.AddAttribute(5, "aria-label", $"Sort by {title}{(active ? Descending ? ", now descending" : ", now ascending" : "")}");
        builder.AddAttribute(6, "data-testid", $"sort-{key}");
        builder.AddAttribute(7, "data-sort", active ? Descending ? "desc" : "asc" : null);
        builder.AddComponentParameter(8, nameof(MudButton.ChildContent), (RenderFragment)(b => b.AddContent(0, title)));
        builder.CloseComponent();
    };

    private RenderFragment Choice(string label, string key, string? value, IEnumerable<string> options, string testId) => builder =>
    {
        builder.OpenComponent<MudSelect<string>>(0);
        builder.AddComponentParameter(1, nameof(MudSelect<string>.Label), label);
        builder.AddComponentParameter(2, nameof(MudSelect<string>.Value), value ?? "");
        builder.AddComponentParameter(3, nameof(MudSelect<string>.ValueChanged), EventCallback.Factory.Create<string>(this, v => SetAsync(key, v)));
        builder.AddComponentParameter(4, nameof(MudSelect<string>.Variant), Variant.Outlined);
        builder.AddComponentParameter(5, nameof(MudSelect<string>.Margin), Margin.Dense);
        builder.AddAttribute(6, "data-testid", testId);
        builder.AddComponentParameter(7, nameof(MudSelect<string>.ChildContent), (RenderFragment)(items =>
        {
            items.OpenComponent<MudSelectItem<string>>(0);
            items.AddComponentParameter(1, nameof(MudSelectItem<string>.Value), "");
            items.AddComponentParameter(2, nameof(MudSelectItem<string>.ChildContent), (RenderFragment)(b => b.AddContent(0, "Any")));
            items.CloseComponent();
            foreach (var option in options)
            {
                items.OpenComponent<MudSelectItem<string>>(3);
                items.SetKey(option);
                items.AddComponentParameter(4, nameof(MudSelectItem<string>.Value), option);
                items.AddComponentParameter(5, nameof(MudSelectItem<string>.ChildContent), (RenderFragment)(b => b.AddContent(0, option)));
                items.CloseComponent();
            }
        }));
        builder.CloseComponent();
    };

    private string? QueryValue(string key) => key switch
    {
        "q" => Text,
        "store" => Store,
        "account" => Account,
        "status" => CartStatus,
        "state" => State,
        "processing" => Processing,
        "error" => Error,
        "archived" => Archived,
        "age" => OlderThan,
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool? YesNo(string? value) => value switch { "yes" => true, "no" => false, _ => null };
}
