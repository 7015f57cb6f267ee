namespace Skiff.Client.LeaderElection;

/// <summary>Which Lease to hold and upstream's kube-controller-manager timings (15 s lease, 10 s renew deadline, 2 s retry).</summary>
public sealed record LeaderElectionOptions
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    /// <summary>Upstream's form: hostname, underscore, a fresh UUID.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid()}";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
