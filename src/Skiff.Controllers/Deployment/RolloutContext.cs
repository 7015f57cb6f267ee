using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// One sync of one Deployment: a private copy of it and of the ReplicaSets it owns, kept current with the result of
/// every write, so later steps of the same sync never act on what an earlier step replaced.
/// </summary>
internal sealed class RolloutContext(V1Deployment deployment, List<V1ReplicaSet> replicaSets, SyncServices services)
{
    public V1Deployment Deployment { get; private set; } = deployment;

    public List<V1ReplicaSet> ReplicaSets { get; } = replicaSets;

    public SyncServices Services { get; } = services;

    /// <summary>Now at whole seconds: upstream's timestamps carry no fractions, and conditions compare by value.</summary>
    public DateTime Now
    {
        get
        {
            var now = Services.Time.GetUtcNow().UtcDateTime;
            return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        }
    }

    public int Desired => Replicas.Desired(Deployment);

    public V1DeploymentStatus Status => Deployment.Status ??= new V1DeploymentStatus();

    /// <summary>The oldest ReplicaSet whose template is the Deployment's (hash label aside), if any.</summary>
    public V1ReplicaSet? FindNew()
    {
        var sorted = ReplicaSets.ToList();
        sorted.Sort(ReplicaSetOrder.ByCreation);
        return sorted.FirstOrDefault(rs => PodTemplates.EqualIgnoringHash(rs.Spec?.Template, Deployment.Spec.Template));
    }

    /// <summary>Every owned set but the new one.</summary>
    public List<V1ReplicaSet> FindOld(V1ReplicaSet? newSet) =>
        [.. ReplicaSets.Where(rs => newSet is null || rs.Metadata.Uid != newSet.Metadata.Uid)];

    public void Track(V1ReplicaSet updated)
    {
        var index = ReplicaSets.FindIndex(rs => rs.Metadata.Uid == updated.Metadata.Uid);
        if (index < 0)
        {
            ReplicaSets.Add(updated);
        }
        else
        {
            ReplicaSets[index] = updated;
        }
    }

    public async Task UpdateStatusAsync(CancellationToken ct) =>
        Deployment = await Services.Writer.UpdateDeploymentStatusAsync(Deployment, ct);

    public async Task UpdateDeploymentAsync(CancellationToken ct) =>
        Deployment = await Services.Writer.UpdateDeploymentAsync(Deployment, ct);

    public void Event(string type, string reason, string message) =>
        Services.Events.Record(Deployment, type, reason, message);
}
