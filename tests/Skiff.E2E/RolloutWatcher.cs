using k8s;
using k8s.Models;

namespace Skiff.E2E;

/// <summary>
/// Watches a namespace's pods during a rollout and remembers the worst moments: the most pods alive at once and the
/// fewest ready ones, to check a rolling update against maxSurge and maxUnavailable.
/// </summary>
public sealed class RolloutWatcher : IAsyncDisposable
{
    private readonly Dictionary<string, V1Pod> _pods = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly int _replicas;
    private readonly int _maxSurge;
    private readonly int _maxUnavailable;
    private Task _loop = Task.CompletedTask;
    private int _mostAlive;
    private int _fewestReady = int.MaxValue;
    private int _fewestAvailable = int.MaxValue;

    private RolloutWatcher(int replicas, int maxSurge, int maxUnavailable)
    {
        _replicas = replicas;
        _maxSurge = maxSurge;
        _maxUnavailable = maxUnavailable;
    }

    public static async Task<RolloutWatcher> StartAsync(IKubernetes client, string ns, int replicas, int maxSurge, int maxUnavailable)
    {
        var watcher = new RolloutWatcher(replicas, maxSurge, maxUnavailable);
        var list = await client.CoreV1.ListNamespacedPodAsync(ns);
        foreach (var pod in list.Items)
        {
            watcher._pods[pod.Metadata.Uid] = pod;
        }

        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns);
        foreach (var deployment in deployments.Items)
        {
            watcher.ObserveDeployment(deployment);
        }

        watcher.Observe();
        watcher._loop = Task.WhenAll(
            watcher.RunAsync(client, ns, list.Metadata.ResourceVersion),
            watcher.RunDeploymentsAsync(client, ns, deployments.Metadata.ResourceVersion));
        return watcher;
    }

    /// <summary>
    /// Asserts the rollout stayed within replicas + maxSurge live pods, and that the Deployment never reported fewer than
    /// replicas − maxUnavailable available (the check upstream's e2e makes on the Deployment's status).
    /// </summary>
    public void AssertHeld()
    {
        lock (_pods)
        {
            Assert.True(_mostAlive <= _replicas + _maxSurge, $"{_mostAlive} pods alive at once, more than {_replicas} + {_maxSurge}");
            Assert.True(_fewestAvailable >= _replicas - _maxUnavailable, $"the Deployment reported only {_fewestAvailable} available, fewer than {_replicas} - {_maxUnavailable} (fewest ready pods seen: {_fewestReady})");
        }
    }

    private async Task RunDeploymentsAsync(IKubernetes client, string ns, string resourceVersion)
    {
        await foreach (var (_, deployment) in client.AppsV1.WatchListNamespacedDeploymentAsync(ns, resourceVersion: resourceVersion, cancellationToken: _stop.Token))
        {
            ObserveDeployment(deployment);
        }
    }

    private void ObserveDeployment(V1Deployment deployment)
    {
        lock (_pods)
        {
            _fewestAvailable = Math.Min(_fewestAvailable, deployment.Status?.AvailableReplicas ?? 0);
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

    private async Task RunAsync(IKubernetes client, string ns, string resourceVersion)
    {
        await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: resourceVersion, cancellationToken: _stop.Token))
        {
            lock (_pods)
            {
                if (type == WatchEventType.Deleted)
                {
                    _pods.Remove(pod.Metadata.Uid);
                }
                else
                {
                    _pods[pod.Metadata.Uid] = pod;
                }

                Observe();
            }
        }
    }

    private void Observe()
    {
        lock (_pods)
        {
            var alive = _pods.Values.Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
            var ready = alive.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
            _mostAlive = Math.Max(_mostAlive, alive.Count);
            _fewestReady = Math.Min(_fewestReady, ready);
        }
    }
}
