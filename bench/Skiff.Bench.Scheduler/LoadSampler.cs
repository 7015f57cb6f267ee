using System.Globalization;

namespace Skiff.Bench.Scheduler;

/// <summary>
/// Samples the machine's 1-minute load average once a second while a phase runs: other builds on the same cores move
/// every wall-clock figure, so each result carries the load it was measured under.
/// </summary>
internal sealed class LoadSampler : IAsyncDisposable
{
    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoadSampler() => _loop = Task.Run(LoopAsync);

    public (double Min, double Median, double Max) Summary()
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return (double.NaN, double.NaN, double.NaN);
            }

            var sorted = _samples.Order().ToList();
            return (sorted[0], sorted[sorted.Count / 2], sorted[^1]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            lock (_samples)
            {
                _samples.Add(double.Parse(first, CultureInfo.InvariantCulture));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
        }
    }
}
