using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Skiff.Scheduler.Queue;

namespace Skiff.Scheduler.Metrics;

/// <summary>
/// The scheduler's metrics under upstream's names, rendered in the Prometheus text format:
/// scheduler_schedule_attempts_total, scheduler_scheduling_attempt_duration_seconds,
/// scheduler_scheduling_algorithm_duration_seconds and scheduler_pending_pods.
/// </summary>
public sealed class SchedulerMetrics
{
    public const string Scheduled = "scheduled";
    public const string Unschedulable = "unschedulable";
    public const string Error = "error";

    // Upstream's buckets: 1 ms doubling, 15 of them.
    private static readonly double[] s_durationBuckets = [.. Enumerable.Range(0, 15).Select(i => 0.001 * Math.Pow(2, i))];

    private readonly ConcurrentDictionary<(string Result, string Profile), long> _attempts = new();
    private readonly ConcurrentDictionary<(string Result, string Profile), Histogram> _durations = new();
    private readonly Histogram _algorithm = new(s_durationBuckets);

    /// <summary>Where the pending-pods gauge reads from; set once the queue exists.</summary>
    public Func<PendingPods>? Pending { get; set; }

    public void ObserveAttempt(string result, string profile, TimeSpan duration)
    {
        _attempts.AddOrUpdate((result, profile), 1, (_, n) => n + 1);
        _durations.GetOrAdd((result, profile), _ => new Histogram(s_durationBuckets)).Observe(duration.TotalSeconds);
    }

    /// <summary>Filter and score of a pod that found a node, without binding (upstream observes only those).</summary>
    public void ObserveAlgorithm(TimeSpan duration) => _algorithm.Observe(duration.TotalSeconds);

    public long Attempts(string result, string profile) => _attempts.GetValueOrDefault((result, profile));

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP scheduler_schedule_attempts_total [STABLE] Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem.\n");
        text.Append("# TYPE scheduler_schedule_attempts_total counter\n");
        foreach (var ((result, profile), count) in _attempts.OrderBy(kv => kv.Key.Profile, StringComparer.Ordinal).ThenBy(kv => kv.Key.Result, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"scheduler_schedule_attempts_total{{profile=\"{profile}\",result=\"{result}\"}} {count}\n");
        }

        text.Append("# HELP scheduler_scheduling_attempt_duration_seconds [STABLE] Scheduling attempt latency in seconds (scheduling algorithm + binding)\n");
        text.Append("# TYPE scheduler_scheduling_attempt_duration_seconds histogram\n");
        foreach (var ((result, profile), histogram) in _durations.OrderBy(kv => kv.Key.Profile, StringComparer.Ordinal).ThenBy(kv => kv.Key.Result, StringComparer.Ordinal))
        {
            var (buckets, count, sum) = histogram.Read();
            var labels = $"profile=\"{profile}\",result=\"{result}\"";
            for (var i = 0; i < buckets.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_attempt_duration_seconds_bucket{{{labels},le=\"{histogram.Bounds[i]}\"}} {buckets[i]}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_attempt_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}\n");
            text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_attempt_duration_seconds_sum{{{labels}}} {sum}\n");
            text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_attempt_duration_seconds_count{{{labels}}} {count}\n");
        }

        var (algorithmBuckets, algorithmCount, algorithmSum) = _algorithm.Read();
        text.Append("# HELP scheduler_scheduling_algorithm_duration_seconds [ALPHA] Scheduling algorithm latency in seconds\n");
        text.Append("# TYPE scheduler_scheduling_algorithm_duration_seconds histogram\n");
        for (var i = 0; i < algorithmBuckets.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_algorithm_duration_seconds_bucket{{le=\"{_algorithm.Bounds[i]}\"}} {algorithmBuckets[i]}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_algorithm_duration_seconds_bucket{{le=\"+Inf\"}} {algorithmCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_algorithm_duration_seconds_sum {algorithmSum}\n");
        text.Append(CultureInfo.InvariantCulture, $"scheduler_scheduling_algorithm_duration_seconds_count {algorithmCount}\n");

        if (Pending is { } pending)
        {
            var now = pending();
            text.Append("# HELP scheduler_pending_pods [STABLE] Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.\n");
            text.Append("# TYPE scheduler_pending_pods gauge\n");
            text.Append(CultureInfo.InvariantCulture, $"scheduler_pending_pods{{queue=\"active\"}} {now.Active}\n");
            text.Append(CultureInfo.InvariantCulture, $"scheduler_pending_pods{{queue=\"backoff\"}} {now.Backoff}\n");
            text.Append("scheduler_pending_pods{queue=\"gated\"} 0\n");
            text.Append(CultureInfo.InvariantCulture, $"scheduler_pending_pods{{queue=\"unschedulable\"}} {now.Unschedulable}\n");
        }

        return text.ToString();
    }
}
