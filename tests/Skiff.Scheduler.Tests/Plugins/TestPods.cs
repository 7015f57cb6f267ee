using k8s.Models;

namespace Skiff.Scheduler.Tests.Plugins;

/// <summary>Small builders for pods in plugin tables; each returns the pod so calls chain.</summary>
internal static class TestPods
{
    private static int s_uid;

    public static V1Pod Pod(string name = "p", string ns = "default", params string[] labels)
    {
        var map = new Dictionary<string, string>();
        foreach (var label in labels)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            map[label[..eq]] = label[(eq + 1)..];
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"uid-{Interlocked.Increment(ref s_uid)}", Labels = map },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        };
    }

    public static V1Pod Requests(this V1Pod pod, string? cpu = null, string? memory = null, params (string Name, string Quantity)[] other)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        foreach (var (name, quantity) in other)
        {
            requests[name] = new ResourceQuantity(quantity);
        }

        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Requests = requests };
        return pod;
    }

    public static V1Pod Tolerations(this V1Pod pod, params V1Toleration[] tolerations)
    {
        pod.Spec.Tolerations = tolerations;
        return pod;
    }

    public static V1Pod NodeSelector(this V1Pod pod, string key, string value)
    {
        pod.Spec.NodeSelector ??= new Dictionary<string, string>();
        pod.Spec.NodeSelector[key] = value;
        return pod;
    }

    public static V1Pod HostPort(this V1Pod pod, int port, string? ip = null, string protocol = "TCP")
    {
        pod.Spec.Containers[0].Ports ??= [];
        pod.Spec.Containers[0].Ports.Add(new V1ContainerPort { ContainerPort = port, HostPort = port, HostIP = ip, Protocol = protocol });
        return pod;
    }

    public static V1Pod RequiredNodeAffinity(this V1Pod pod, params V1NodeSelectorTerm[] terms)
    {
        NodeAffinity(pod).RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = terms };
        return pod;
    }

    public static V1Pod PreferredNodeAffinity(this V1Pod pod, int weight, V1NodeSelectorTerm term)
    {
        var affinity = NodeAffinity(pod);
        affinity.PreferredDuringSchedulingIgnoredDuringExecution ??= [];
        affinity.PreferredDuringSchedulingIgnoredDuringExecution.Add(new V1PreferredSchedulingTerm { Weight = weight, Preference = term });
        return pod;
    }

    public static V1Pod PodAffinity(this V1Pod pod, string topologyKey, string label, IList<string>? namespaces = null, V1LabelSelector? namespaceSelector = null)
    {
        PodAffinityOf(pod).RequiredDuringSchedulingIgnoredDuringExecution ??= [];
        PodAffinityOf(pod).RequiredDuringSchedulingIgnoredDuringExecution.Add(Term(topologyKey, label, namespaces, namespaceSelector));
        return pod;
    }

    public static V1Pod PodAntiAffinity(this V1Pod pod, string topologyKey, string label)
    {
        AntiAffinityOf(pod).RequiredDuringSchedulingIgnoredDuringExecution ??= [];
        AntiAffinityOf(pod).RequiredDuringSchedulingIgnoredDuringExecution.Add(Term(topologyKey, label, null, null));
        return pod;
    }

    public static V1Pod PreferredPodAffinity(this V1Pod pod, int weight, string topologyKey, string label)
    {
        PodAffinityOf(pod).PreferredDuringSchedulingIgnoredDuringExecution ??= [];
        PodAffinityOf(pod).PreferredDuringSchedulingIgnoredDuringExecution.Add(new V1WeightedPodAffinityTerm { PodAffinityTerm = Term(topologyKey, label, null, null), Weight = weight });
        return pod;
    }

    public static V1Pod PreferredPodAntiAffinity(this V1Pod pod, int weight, string topologyKey, string label)
    {
        AntiAffinityOf(pod).PreferredDuringSchedulingIgnoredDuringExecution ??= [];
        AntiAffinityOf(pod).PreferredDuringSchedulingIgnoredDuringExecution.Add(new V1WeightedPodAffinityTerm { PodAffinityTerm = Term(topologyKey, label, null, null), Weight = weight });
        return pod;
    }

    public static V1Pod Spread(this V1Pod pod, int maxSkew, string topologyKey, string whenUnsatisfiable, string label, Action<V1TopologySpreadConstraint>? configure = null)
    {
        var constraint = new V1TopologySpreadConstraint
        {
            MaxSkew = maxSkew,
            TopologyKey = topologyKey,
            WhenUnsatisfiable = whenUnsatisfiable,
            LabelSelector = Selector(label),
        };
        configure?.Invoke(constraint);
        pod.Spec.TopologySpreadConstraints ??= [];
        pod.Spec.TopologySpreadConstraints.Add(constraint);
        return pod;
    }

    /// <summary>A matchLabels selector from "k=v".</summary>
    public static V1LabelSelector Selector(string label)
    {
        var eq = label.IndexOf('=', StringComparison.Ordinal);
        return new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [label[..eq]] = label[(eq + 1)..] } };
    }

    public static V1NodeSelectorTerm Expression(string key, string op, params string[] values) => new()
    {
        MatchExpressions = [new V1NodeSelectorRequirement { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values }],
    };

    public static V1NodeSelectorTerm NameIn(params string[] names) => new()
    {
        MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = names }],
    };

    private static V1PodAffinityTerm Term(string topologyKey, string label, IList<string>? namespaces, V1LabelSelector? namespaceSelector) => new()
    {
        TopologyKey = topologyKey,
        LabelSelector = Selector(label),
        Namespaces = namespaces,
        NamespaceSelector = namespaceSelector,
    };

    private static V1NodeAffinity NodeAffinity(V1Pod pod)
    {
        pod.Spec.Affinity ??= new V1Affinity();
        return pod.Spec.Affinity.NodeAffinity ??= new V1NodeAffinity();
    }

    private static V1PodAffinity PodAffinityOf(V1Pod pod)
    {
        pod.Spec.Affinity ??= new V1Affinity();
        return pod.Spec.Affinity.PodAffinity ??= new V1PodAffinity();
    }

    private static V1PodAntiAffinity AntiAffinityOf(V1Pod pod)
    {
        pod.Spec.Affinity ??= new V1Affinity();
        return pod.Spec.Affinity.PodAntiAffinity ??= new V1PodAntiAffinity();
    }
}
