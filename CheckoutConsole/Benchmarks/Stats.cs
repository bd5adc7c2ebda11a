using System.Diagnostics;

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
