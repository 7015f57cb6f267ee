using k8s.Models;

namespace Skiff.E2E;

/// <summary>Pod shapes the scheduler tests create: small requests unless a test asks for more.</summary>
internal static class SchedulerPods
{
    public static V1Pod Pod(string name, string? tier = null, string cpu = "10m", IDictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1PodSpec
        {
            NodeSelector = tier is null ? null : new Dictionary<string, string> { ["tier"] = tier },
            TerminationGracePeriodSeconds = 0,
            Containers =
            [
                new V1Container
                {
                    Name = "c",
                    Image = "busybox",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("16Mi") } },
                },
            ],
        },
    };

    public static V1NodeSelectorRequirement Requirement(string key, params string[] values) => new() { Key = key, OperatorProperty = "In", Values = values };
}
