using Grpc.Core;
using Microsoft.Extensions.Logging;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Pods;

/// <summary>
/// Upstream's PLEG in miniature: one relist of every sandbox and container a second (two CRI calls however many pods
/// run) instead of each pod's worker asking the runtime for its own state every second; a pod whose sandboxes or
/// containers changed id or state since the last relist gets its worker woken.
/// </summary>
public sealed partial class PodLifecycleEventGenerator(CriConnection cri, Action<string> changed, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan RelistPeriod = TimeSpan.FromSeconds(1);

    private Dictionary<string, string> _last = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RelistAsync(ct).ConfigureAwait(false);
                await Task.Delay(RelistPeriod, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                LogRelistFailed(logger, e.Status.Detail);
                await Task.Delay(RelistPeriod, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Lists the runtime once and reports every pod uid whose runtime state differs from the last relist.</summary>
    public async Task RelistAsync(CancellationToken ct)
    {
        var sandboxes = await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest
        {
            Filter = new PodSandboxFilter { LabelSelector = { [PodLabels.KubeletManaged] = "true" } },
        }, cancellationToken: ct).ConfigureAwait(false);
        var containers = await cri.Runtime.ListContainersAsync(new ListContainersRequest(), cancellationToken: ct).ConfigureAwait(false);
        var current = Fingerprints(sandboxes.Items, containers.Containers);
        foreach (var uid in current.Keys.Union(_last.Keys, StringComparer.Ordinal).ToList())
        {
            if (current.GetValueOrDefault(uid) != _last.GetValueOrDefault(uid))
            {
                changed(uid);
            }
        }

        _last = current;
    }

    /// <summary>Per pod uid, its sandboxes' and containers' ids and states in a stable order.</summary>
    public static Dictionary<string, string> Fingerprints(IEnumerable<PodSandbox> sandboxes, IEnumerable<Container> containers)
    {
        var entries = sandboxes
            .Select(s => (Uid: s.Metadata?.Uid, Entry: $"s:{s.Id}:{s.State}"))
            .Concat(containers.Select(c => (Uid: c.Labels.GetValueOrDefault(PodLabels.PodUid), Entry: $"c:{c.Id}:{c.State}")))
            .Where(e => !string.IsNullOrEmpty(e.Uid));
        return entries
            .GroupBy(e => e.Uid!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(';', g.Select(e => e.Entry).Order(StringComparer.Ordinal)), StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 41, Level = LogLevel.Debug, Message = "runtime relist failed: {Reason}")]
    private static partial void LogRelistFailed(ILogger logger, string reason);
}
