using Skiff.Client.Informers;
using Skiff.Client.LeaderElection;

namespace Skiff.Controllers.Hosting;

public sealed record ControllerManagerOptions
{
    /// <summary>Upstream's lock: Lease kube-system/kube-controller-manager.</summary>
    public LeaderElectionOptions LeaderElection { get; init; } = new() { Namespace = "kube-system", Name = "kube-controller-manager" };

    public InformerOptions Informers { get; init; } = InformerOptions.Default;

    /// <summary>
    /// Informers the process runs for all its components (started by their owner); each term attaches its handlers to
    /// them instead of listing and watching everything again. Null: every term builds informers of its own.
    /// </summary>
    public ISharedInformerFactory? SharedInformers { get; init; }
}
