using k8s.Models;

namespace Skiff.HollowNodes.Pods;

/// <summary>
/// A pod's quality of service class by upstream's rules: no cpu or memory requests or limits anywhere is
/// BestEffort; every container limiting both with requests equal to limits is Guaranteed; else Burstable.
/// Pod-level resources, when set, decide alone.
/// </summary>
internal static class QosClass
{
    public const string Guaranteed = "Guaranteed";
    public const string Burstable = "Burstable";
    public const string BestEffort = "BestEffort";

    private static readonly string[] Computed = ["cpu", "memory"];

    public static string Of(V1PodSpec spec)
    {
        if (spec.Resources is { } podLevel && (podLevel.Requests?.Count > 0 || podLevel.Limits?.Count > 0))
        {
            return Classify([podLevel]);
        }

        var all = (spec.Containers ?? []).Concat(spec.InitContainers ?? []).Select(c => c.Resources).OfType<V1ResourceRequirements>();
        return Classify([.. all]);
    }

    private static string Classify(IReadOnlyList<V1ResourceRequirements> requirements)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var r in requirements)
        {
            var limited = 0;
            foreach (var name in Computed)
            {
                var limit = Positive(r.Limits, name);
                // A request left out defaults to the limit, as API defaulting does before upstream computes the class.
                var request = Positive(r.Requests, name) ?? limit;
                if (request is { } q)
                {
                    requests[name] = requests.GetValueOrDefault(name) + q;
                }

                if (limit is { } l)
                {
                    limits[name] = limits.GetValueOrDefault(name) + l;
                    limited++;
                }
            }

            guaranteed &= limited == Computed.Length;
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return BestEffort;
        }

        if (guaranteed && requests.Count == limits.Count && requests.All(kv => limits.TryGetValue(kv.Key, out var l) && l == kv.Value))
        {
            return Guaranteed;
        }

        return Burstable;
    }

    private static decimal? Positive(IDictionary<string, ResourceQuantity>? resources, string name) =>
        resources is not null && resources.TryGetValue(name, out var q) && q.ToDecimal() > 0 ? q.ToDecimal() : null;
}
