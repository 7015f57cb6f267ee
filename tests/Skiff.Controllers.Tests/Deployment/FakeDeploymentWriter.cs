using System.Globalization;
using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

/// <summary>
/// Applies the controller's writes straight to the caches its listers read, as an API server and a quick informer
/// would: uids, resourceVersions (checked), generations and creation times are assigned; every write is logged.
/// </summary>
internal sealed class FakeDeploymentWriter(ObjectCache<V1Deployment> deployments, ObjectCache<V1ReplicaSet> replicaSets, TimeProvider time)
    : IDeploymentWriter
{
    private int _version = 1000;
    private int _uids;
    private int _creates;

    public List<string> Log { get; } = [];

    /// <summary>Every status written, in order.</summary>
    public List<V1DeploymentStatus> StatusWrites { get; } = [];

    /// <summary>When set, creating a ReplicaSet fails with this.</summary>
    public ApiCallException? FailCreates { get; set; }

    public string NextVersion() => (++_version).ToString(CultureInfo.InvariantCulture);

    public Task<V1ReplicaSet?> CreateReplicaSetAsync(V1ReplicaSet replicaSet, CancellationToken ct)
    {
        if (FailCreates is { } failure)
        {
            throw failure;
        }

        if (replicaSets.Get(ObjectKey.Of(replicaSet)) is not null)
        {
            Log.Add($"create {replicaSet.Metadata.Name} exists");
            return Task.FromResult<V1ReplicaSet?>(null);
        }

        var stored = ModelCopy.Of(replicaSet);
        stored.Metadata.Uid = $"uid-rs-{++_uids}";
        stored.Metadata.ResourceVersion = NextVersion();
        stored.Metadata.Generation = 1;

        // Distinct creation times keep "oldest first" meaningful even when a test never moves the clock.
        stored.Metadata.CreationTimestamp = time.GetUtcNow().UtcDateTime.AddSeconds(++_creates);
        stored.Status = new V1ReplicaSetStatus { Replicas = 0 };
        replicaSets.Upsert(stored);
        Log.Add($"create {stored.Metadata.Name} {stored.Spec.Replicas}");
        return Task.FromResult<V1ReplicaSet?>(ModelCopy.Of(stored));
    }

    public Task<V1ReplicaSet> UpdateReplicaSetAsync(V1ReplicaSet replicaSet, CancellationToken ct)
    {
        var current = replicaSets.Get(ObjectKey.Of(replicaSet)) ?? throw new ApiCallException(404, "NotFound", "not found");
        CheckVersion(current.Metadata, replicaSet.Metadata);
        var stored = ModelCopy.Of(replicaSet);
        stored.Status = current.Status;
        stored.Metadata.ResourceVersion = NextVersion();
        if (CanonicalJson.Of(current.Spec) != CanonicalJson.Of(stored.Spec))
        {
            stored.Metadata.Generation = (current.Metadata.Generation ?? 0) + 1;
        }

        replicaSets.Upsert(stored);
        Log.Add(current.Spec.Replicas != stored.Spec.Replicas
            ? $"scale {stored.Metadata.Name} {current.Spec.Replicas}->{stored.Spec.Replicas}"
            : $"update {stored.Metadata.Name}");
        return Task.FromResult(ModelCopy.Of(stored));
    }

    public Task<V1ReplicaSet?> AdoptReplicaSetAsync(V1ReplicaSet replicaSet, V1OwnerReference owner, CancellationToken ct)
    {
        if (replicaSets.Get(ObjectKey.Of(replicaSet)) is not { } current)
        {
            return Task.FromResult<V1ReplicaSet?>(null);
        }

        var stored = ModelCopy.Of(current);
        stored.Metadata.OwnerReferences = [.. stored.Metadata.OwnerReferences ?? [], owner];
        stored.Metadata.ResourceVersion = NextVersion();
        replicaSets.Upsert(stored);
        Log.Add($"adopt {stored.Metadata.Name}");
        return Task.FromResult<V1ReplicaSet?>(ModelCopy.Of(stored));
    }

    public Task ReleaseReplicaSetAsync(V1ReplicaSet replicaSet, string ownerUid, CancellationToken ct)
    {
        if (replicaSets.Get(ObjectKey.Of(replicaSet)) is { } current)
        {
            var stored = ModelCopy.Of(current);
            stored.Metadata.OwnerReferences = [.. stored.Metadata.OwnerReferences.Where(r => r.Uid != ownerUid)];
            stored.Metadata.ResourceVersion = NextVersion();
            replicaSets.Upsert(stored);
            Log.Add($"release {stored.Metadata.Name}");
        }

        return Task.CompletedTask;
    }

    public Task DeleteReplicaSetAsync(string ns, string name, CancellationToken ct)
    {
        replicaSets.Delete(new ObjectKey(ns, name));
        Log.Add($"delete {name}");
        return Task.CompletedTask;
    }

    public Task<V1Deployment> UpdateDeploymentStatusAsync(V1Deployment deployment, CancellationToken ct)
    {
        var current = deployments.Get(ObjectKey.Of(deployment)) ?? throw new ApiCallException(404, "NotFound", "not found");
        CheckVersion(current.Metadata, deployment.Metadata);
        var stored = ModelCopy.Of(current);
        stored.Status = deployment.Status is null ? null : ModelCopy.Of(deployment.Status);
        stored.Metadata.Annotations = deployment.Metadata.Annotations is null ? null : new Dictionary<string, string>(deployment.Metadata.Annotations);
        stored.Metadata.ResourceVersion = NextVersion();
        deployments.Upsert(stored);
        Log.Add("status");
        StatusWrites.Add(stored.Status is null ? new V1DeploymentStatus() : ModelCopy.Of(stored.Status));
        return Task.FromResult(ModelCopy.Of(stored));
    }

    public Task<V1Deployment> UpdateDeploymentAsync(V1Deployment deployment, CancellationToken ct)
    {
        var current = deployments.Get(ObjectKey.Of(deployment)) ?? throw new ApiCallException(404, "NotFound", "not found");
        CheckVersion(current.Metadata, deployment.Metadata);
        var stored = ModelCopy.Of(deployment);
        stored.Status = current.Status;
        stored.Metadata.ResourceVersion = NextVersion();
        if (CanonicalJson.Of(current.Spec) != CanonicalJson.Of(stored.Spec))
        {
            stored.Metadata.Generation = (current.Metadata.Generation ?? 0) + 1;
        }

        deployments.Upsert(stored);
        Log.Add("update deployment");
        return Task.FromResult(ModelCopy.Of(stored));
    }

    public Task<V1Deployment?> GetDeploymentAsync(string ns, string name, CancellationToken ct) =>
        Task.FromResult(deployments.Get(new ObjectKey(ns, name)) is { } d ? ModelCopy.Of(d) : null);

    private static void CheckVersion(V1ObjectMeta current, V1ObjectMeta incoming)
    {
        if (incoming.ResourceVersion != current.ResourceVersion)
        {
            throw new ApiCallException(409, "Conflict", $"the object has been modified: {incoming.ResourceVersion} != {current.ResourceVersion}");
        }
    }
}
