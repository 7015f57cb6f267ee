using Skiff.Scheduler.Metrics;
using Skiff.Scheduler.Queue;

namespace Skiff.Scheduler.Tests.Metrics;

public sealed class SchedulerMetricsTests
{
    [Fact]
    public void Render_WritesAttemptsDurationsAndPendingPodsInPrometheusText()
    {
        var metrics = new SchedulerMetrics { Pending = () => new PendingPods(3, 2, 1) };
        metrics.ObserveAttempt(SchedulerMetrics.Scheduled, "default-scheduler", TimeSpan.FromMilliseconds(3));
        metrics.ObserveAttempt(SchedulerMetrics.Scheduled, "default-scheduler", TimeSpan.FromMilliseconds(30));
        metrics.ObserveAttempt(SchedulerMetrics.Unschedulable, "default-scheduler", TimeSpan.FromMilliseconds(1));

        var text = metrics.Render().Split('\n');

        Assert.Contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\"} 2", text);
        Assert.Contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"unschedulable\"} 1", text);
        Assert.Contains("scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"0.004\"} 1", text);
        Assert.Contains("scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"+Inf\"} 2", text);
        Assert.Contains("scheduler_scheduling_attempt_duration_seconds_count{profile=\"default-scheduler\",result=\"scheduled\"} 2", text);
        Assert.Contains("scheduler_pending_pods{queue=\"active\"} 3", text);
        Assert.Contains("scheduler_pending_pods{queue=\"unschedulable\"} 1", text);
    }

    [Fact]
    public void Render_WritesTheAlgorithmHistogramWithoutLabels()
    {
        var metrics = new SchedulerMetrics();
        metrics.ObserveAlgorithm(TimeSpan.FromMilliseconds(0.5));
        metrics.ObserveAlgorithm(TimeSpan.FromMilliseconds(3));

        var text = metrics.Render().Split('\n');

        Assert.Contains("scheduler_scheduling_algorithm_duration_seconds_bucket{le=\"0.001\"} 1", text);
        Assert.Contains("scheduler_scheduling_algorithm_duration_seconds_bucket{le=\"0.004\"} 2", text);
        Assert.Contains("scheduler_scheduling_algorithm_duration_seconds_bucket{le=\"+Inf\"} 2", text);
        Assert.Contains("scheduler_scheduling_algorithm_duration_seconds_count 2", text);
    }
}
