using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Scheduler.Config;
using Skiff.Scheduler.Hosting;
using Skiff.Scheduler.Metrics;
using Skiff.Scheduler.Plugins;
using Skiff.Scheduler.Tests.Fakes;
using Skiff.Testing;

namespace Skiff.Scheduler.Tests.Hosting;

public sealed class SchedulerHostTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Server_SchedulesAPendingPodOntoANode_AndReportsOneThatFitsNowhere()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        var node = Objects.Node("worker", cpu: "2");
        await client.CoreV1.CreateNodeAsync(node);

        // A kubelet reports capacity through the status subresource; creating the node does not set it.
        await client.CoreV1.PatchNodeStatusAsync(new V1Patch(new { status = new { allocatable = node.Status.Allocatable } }, V1Patch.PatchType.MergePatch), "worker");
        var registry = DefaultPlugins.CreateRegistry();
        if (!registry.Contains(FakeCpuFit.PluginName))
        {
            registry.Register(FakeCpuFit.PluginName, (_, _) => new FakeCpuFit());
        }

        var metrics = new SchedulerMetrics();
        var host = new SchedulerHost(client, SchedulerConfigLoader.Default(), registry, TimeProvider.System, NullLoggerFactory.Instance, metrics: metrics);
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        try
        {
            await client.CoreV1.CreateNamespacedPodAsync(NewPod("small", "1"), "default");
            await client.CoreV1.CreateNamespacedPodAsync(NewPod("huge", "8"), "default");

            var small = await WaitForAsync(client, "small", p => !string.IsNullOrEmpty(p.Spec.NodeName));
            Assert.Equal("worker", small.Spec.NodeName);

            var huge = await WaitForAsync(client, "huge", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled") == true);
            var condition = huge.Status.Conditions.Single(c => c.Type == "PodScheduled");
            Assert.Equal("False", condition.Status);
            Assert.Equal("Unschedulable", condition.Reason);
            Assert.StartsWith("0/1 nodes are available: 1 Insufficient cpu.", condition.Message, StringComparison.Ordinal);
            Assert.Null(huge.Spec.NodeName);

            var events = await WaitForEventsAsync(client, e => e.Reason == "Scheduled" && e.InvolvedObject.Name == "small");
            Assert.Contains(events, e => e.Message == "Successfully assigned default/small to worker");
            Assert.Equal(1, metrics.Attempts(SchedulerMetrics.Scheduled, "default-scheduler"));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private static V1Pod NewPod(string name, string cpu)
    {
        var pod = Objects.Pod(name, cpu: cpu);
        pod.Metadata.Uid = null;
        pod.Metadata.CreationTimestamp = null;
        pod.Status = null;
        pod.Spec.Containers[0].Image = "busybox";
        return pod;
    }

    private static async Task<V1Pod> WaitForAsync(IKubernetes client, string name, Func<V1Pod, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var pod = await client.CoreV1.ReadNamespacedPodAsync(name, "default");
            if (done(pod) || DateTime.UtcNow > deadline)
            {
                return pod;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<IList<Corev1Event>> WaitForEventsAsync(IKubernetes client, Func<Corev1Event, bool> wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var events = await client.CoreV1.ListNamespacedEventAsync("default");
            if (events.Items.Any(wanted) || DateTime.UtcNow > deadline)
            {
                return events.Items;
            }

            await Task.Delay(100);
        }
    }
}
