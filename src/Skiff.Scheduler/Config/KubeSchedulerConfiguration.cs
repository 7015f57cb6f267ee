namespace Skiff.Scheduler.Config;

/// <summary>The fields of kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration that Skiff acts on.</summary>
public sealed class KubeSchedulerConfiguration
{
    public const string ApiVersionV1 = "kubescheduler.config.k8s.io/v1";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public int? Parallelism { get; set; }

    public int? PercentageOfNodesToScore { get; set; }

    public long? PodInitialBackoffSeconds { get; set; }

    public long? PodMaxBackoffSeconds { get; set; }

    public List<KubeSchedulerProfile> Profiles { get; set; } = [];
}
