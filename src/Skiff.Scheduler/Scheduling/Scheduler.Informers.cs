using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Client.Informers;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Queue;

namespace Skiff.Scheduler.Scheduling;

public sealed partial class Scheduler
{
    private ILister<V1Pod>? _pods;

    /// <summary>Subscribes to the pod and node informers; the returned handle unsubscribes.</summary>
    public IDisposable Attach(ISharedInformerFactory informers)
    {
        var pods = informers.Get<V1Pod>();
        var nodes = informers.Get<V1Node>();
        _pods = pods.Lister;

        // Nodes first, so pods already bound find their node when replayed.
        var nodeHandler = nodes.AddHandler(OnNodeEvent);
        var podHandler = pods.AddHandler(OnPodEvent);
        return new Subscriptions(nodeHandler, podHandler);
    }

    public void OnPodEvent(InformerEvent<V1Pod> e)
    {
        var pod = e.Object;
        switch (e.Type)
        {
            case InformerEventType.Added:
                AddPod(pod);
                break;
            case InformerEventType.Modified:
                UpdatePod(e.Old, pod);
                break;
            case InformerEventType.Deleted:
                DeletePod(pod);
                break;
        }
    }

    public void OnNodeEvent(InformerEvent<V1Node> e)
    {
        switch (e.Type)
        {
            case InformerEventType.Added:
                Cache.AddNode(e.Object);
                Queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd);
                break;
            case InformerEventType.Modified:
                Cache.UpdateNode(e.Object);
                if (e.Old is null || NodeChanges.AffectScheduling(e.Old, e.Object))
                {
                    Queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeUpdate);
                }

                break;
            case InformerEventType.Deleted:
                Cache.RemoveNode(e.Object);
                break;
        }
    }

    private static bool Assigned(V1Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);

    private static bool Terminal(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private bool Responsible(V1Pod pod) => _profiles.ContainsKey(SchedulerNameOf(pod));

    private void AddPod(V1Pod pod)
    {
        if (Assigned(pod))
        {
            if (!Terminal(pod))
            {
                Cache.AddPod(pod);
                Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodAdd);
            }

            return;
        }

        if (Responsible(pod) && !Terminal(pod))
        {
            var info = PendingPodInfo(pod);
            Queue.Add(info);
            TrackNomination(info);
        }
    }

    private void UpdatePod(V1Pod? old, V1Pod pod)
    {
        if (Assigned(pod))
        {
            var newlyBound = old is not null && !Assigned(old);
            if (newlyBound)
            {
                Queue.Delete(old!);
            }

            if (Terminal(pod))
            {
                Cache.RemovePod(pod);
                Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete);
                return;
            }

            Cache.UpdatePod(pod);
            if (newlyBound)
            {
                Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodAdd);
            }
            else if (old is not null && !SameLabels(old, pod))
            {
                Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodUpdate);
            }

            return;
        }

        if (!Responsible(pod) || Terminal(pod))
        {
            Queue.Delete(pod);
            return;
        }

        var info = PendingPodInfo(pod);
        Queue.Update(info, old is null || PodChanges.SpecOrLabelsChanged(old, pod));
        TrackNomination(info);
    }

    private void DeletePod(V1Pod pod)
    {
        var wasAssumed = Cache.IsAssumed(pod);
        Cache.RemovePod(pod);
        if (Assigned(pod) || wasAssumed)
        {
            Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete);
        }

        Queue.Delete(pod);
    }

    /// <summary>A pending pod with its priority resolved into the spec, so every plugin reads the same value.</summary>
    private PodInfo PendingPodInfo(V1Pod pod)
    {
        var priority = Priorities.Resolve(pod);
        var copy = pod.Spec?.Priority is null ? PodCopies.With(pod, priority: priority) : pod;
        return new PodInfo(copy) { Priority = priority };
    }

    private void TrackNomination(PodInfo info)
    {
        var nominated = info.Pod.Status?.NominatedNodeName;
        if (string.IsNullOrEmpty(nominated))
        {
            Queue.Nominator.DeleteNominatedPodIfExists(info.Pod);
        }
        else
        {
            Queue.Nominator.AddNominatedPod(info, nominated);
        }
    }

    private static bool SameLabels(V1Pod a, V1Pod b)
    {
        var left = a.Metadata?.Labels ?? new Dictionary<string, string>();
        var right = b.Metadata?.Labels ?? new Dictionary<string, string>();
        return left.Count == right.Count && left.All(kv => right.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private sealed class Subscriptions(params IDisposable[] handles) : IDisposable
    {
        public void Dispose()
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }
}
