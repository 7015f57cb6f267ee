using Skiff.Client.Informers;
using Skiff.Client.LeaderElection;

namespace Skiff.Controllers.Hosting;

public sealed record ControllerManagerOptions
{
    /// <summary>Upstream's lock: Lease kube-system/kube-controller-manager.</summary>
    public LeaderElectionOptions LeaderElection { get; init; } = new() { Namespace = "kube-system", Name = "kube-controller-manager" };

    public InformerOptions Informers { get; init; } = InformerOptions.Default;
}
