using k8s.Models;

namespace Skiff.Kubelet.Status;

/// <summary>Upstream's QoS class: Guaranteed when every container limits cpu and memory equal to its requests.</summary>
public static class QosClassifier
{
    private static readonly string[] Tracked = ["cpu", "memory"];

    public static string Classify(V1PodSpec spec)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var allLimited = true;
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            var containerLimits = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in Tracked)
            {
                if (container.Resources?.Requests?.TryGetValue(name, out var request) == true && request.ToDecimal() != 0)
                {
                    requests[name] = requests.GetValueOrDefault(name) + request.ToDecimal();
                }

                if (container.Resources?.Limits?.TryGetValue(name, out var limit) == true && limit.ToDecimal() != 0)
                {
                    containerLimits.Add(name);
                    limits[name] = limits.GetValueOrDefault(name) + limit.ToDecimal();
                }
            }

            if (containerLimits.Count != Tracked.Length)
            {
                allLimited = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }

        if (allLimited && limits.Count == Tracked.Length && Tracked.All(name => !requests.TryGetValue(name, out var r) || r == limits[name]))
        {
            return "Guaranteed";
        }

        return "Burstable";
    }
}
