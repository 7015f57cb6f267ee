using k8s.Models;

namespace Skiff.Scheduler.Scheduling;

/// <summary>
/// Whether a node update can make a waiting pod fit: allocatable, labels, taints, unschedulable or readiness.
/// Heartbeat-only status writes (thousands a minute from many nodes) must not wake every unschedulable pod.
/// </summary>
internal static class NodeChanges
{
    public static bool AffectScheduling(V1Node old, V1Node node) =>
        old.Spec?.Unschedulable != node.Spec?.Unschedulable
        || !SameMap(old.Metadata?.Labels, node.Metadata?.Labels)
        || !SameTaints(old.Spec?.Taints, node.Spec?.Taints)
        || !SameResources(old.Status?.Allocatable, node.Status?.Allocatable)
        || Ready(old) != Ready(node);

    private static string? Ready(V1Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        a ??= new Dictionary<string, string>();
        b ??= new Dictionary<string, string>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static bool SameResources(IDictionary<string, ResourceQuantity>? a, IDictionary<string, ResourceQuantity>? b)
    {
        a ??= new Dictionary<string, ResourceQuantity>();
        b ??= new Dictionary<string, ResourceQuantity>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v?.ToString() == kv.Value?.ToString());
    }

    private static bool SameTaints(IList<V1Taint>? a, IList<V1Taint>? b)
    {
        a ??= [];
        b ??= [];
        return a.Count == b.Count && a.Zip(b).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value && p.First.Effect == p.Second.Effect);
    }
}
