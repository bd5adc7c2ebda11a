using System.Diagnostics;
using System.Globalization;

namespace CheckoutConsole.Benchmarks;

/// <summary>Latency samples in Stopwatch ticks, summarized as median and p99 in milliseconds.</summary>
public sealed class Samples
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public void Merge(Samples other) => _ticks.AddRange(other._ticks);

    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        _ticks.Add(Stopwatch.GetTimestamp() - start);
        return result;
    }

    public double MedianMs => Percentile(0.50);

    public double P99Ms => Percentile(0.99);

    public double Percentile(double p)
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _ticks.Order().ToList();
        var index = (int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>
/// One figure measured in several runs: the median of the runs' values and their spread (lowest
/// and highest run), so a reader sees how much a figure moved between runs in the same process.
/// </summary>
public sealed record Repeated(double Median, double Min, double Max, int Runs)
{
    public static Repeated Of(IEnumerable<double> runs)
    {
        var sorted = runs.Where(v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0)
        {
            return new Repeated(double.NaN, double.NaN, double.NaN, 0);
        }

        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return new Repeated(median, sorted[0], sorted[^1], sorted.Count);
    }

    /// <summary>"0.31 (0.29–0.35)": the median, then the lowest and highest run.</summary>
    public string Format(string format = "0.00") =>
        Runs <= 1
            ? Median.ToString(format, CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Median.ToString(format, CultureInfo.InvariantCulture)} ({Min.ToString(format, CultureInfo.InvariantCulture)}–{Max.ToString(format, CultureInfo.InvariantCulture)})");
}
