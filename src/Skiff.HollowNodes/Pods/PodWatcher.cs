using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Skiff.HollowNodes.Pods;

/// <summary>
/// One list and watch of every bound pod (spec.nodeName!=) for all hollow nodes together; a watch per node
/// would be thousands of streams. A dropped watch resumes from the last version seen; an expired version
/// (410 Gone) lists again.
/// </summary>
internal sealed class PodWatcher
{
    private const string BoundPods = "spec.nodeName!=";

    private readonly IKubernetes _client;
    private readonly PodSimulator _simulator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PodWatcher(IKubernetes client, PodSimulator simulator, TimeProvider time, ILogger logger)
    {
        _client = client;
        _simulator = simulator;
        _time = time;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        string? version = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                version ??= await ListAsync(ct).ConfigureAwait(false);
                var expired = false;
                Exception? failure = null;
                var events = _client.CoreV1.WatchListPodForAllNamespacesAsync(
                    allowWatchBookmarks: true,
                    fieldSelector: BoundPods,
                    resourceVersion: version,
                    timeoutSeconds: 300,
                    onError: e =>
                    {
                        if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
                        {
                            expired = true;
                        }
                        else
                        {
                            failure = e;
                        }
                    },
                    cancellationToken: ct);
                await foreach (var (type, pod) in events.ConfigureAwait(false))
                {
                    version = pod.Metadata?.ResourceVersion ?? version;
                    if (type != WatchEventType.Bookmark)
                    {
                        _simulator.Observe(type, pod);
                    }
                }

                if (expired)
                {
                    HollowLog.Relisting(_logger);
                    version = null;
                }
                else if (failure is not null)
                {
                    throw failure;
                }
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.Gone) && !ct.IsCancellationRequested)
            {
                HollowLog.Relisting(_logger);
                version = null;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                HollowLog.WatchFailed(_logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var pods = new List<V1Pod>();
        string? next = null;
        string version;
        do
        {
            var page = await _client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: BoundPods, limit: 500, continueParameter: next, cancellationToken: ct).ConfigureAwait(false);
            pods.AddRange(page.Items);
            next = page.Metadata.ContinueProperty;
            version = page.Metadata.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(next));

        _simulator.Resync(pods);
        return version;
    }
}
