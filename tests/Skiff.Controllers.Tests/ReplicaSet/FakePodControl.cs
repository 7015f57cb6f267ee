using System.Net;
using k8s.Autorest;
using k8s.Models;
using Skiff.Client;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

/// <summary>Records every write the controller makes; failures are injected per call.</summary>
internal sealed class FakePodControl : IPodControl
{
    private readonly Lock _lock = new();
    private int _createCalls;

    public List<V1Pod> Created { get; } = [];

    public List<V1Pod> Deleted { get; } = [];

    public List<(V1Pod Pod, V1OwnerReference Owner)> Adopted { get; } = [];

    public List<(V1Pod Pod, string OwnerUid)> Released { get; } = [];

    public List<ReplicaStatus> StatusWrites { get; } = [];

    public int CreateCalls => _createCalls;

    /// <summary>Given the 0-based number of the create call, the failure to throw or null.</summary>
    public Func<int, Exception?> CreateFailure { get; set; } = _ => null;

    public Func<V1Pod, Exception?> DeleteFailure { get; set; } = _ => null;

    /// <summary>What a quorum read of the owner returns.</summary>
    public Func<ObjectKey, ReplicaSetView?> Owners { get; set; } = _ => null;

    public static HttpOperationException ApiError(HttpStatusCode code, string reason, string message, string? causeReason = null)
    {
        var causes = causeReason is null ? string.Empty : $",\"details\":{{\"causes\":[{{\"reason\":\"{causeReason}\",\"message\":\"x\"}}]}}";
        var content = $"{{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"{message}\",\"reason\":\"{reason}\",\"code\":{(int)code}{causes}}}";
        return new HttpOperationException($"Operation returned an invalid status code '{code}'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), content),
        };
    }

    public Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken ct)
    {
        var call = Interlocked.Increment(ref _createCalls) - 1;
        if (CreateFailure(call) is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            var suffix = Created.Count.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            pod.Metadata.Name = pod.Metadata.GenerateName + suffix;
            pod.Metadata.Uid = "created-" + suffix;
            Created.Add(pod);
        }

        return Task.FromResult(pod);
    }

    public Task DeletePodAsync(V1Pod pod, CancellationToken ct)
    {
        if (DeleteFailure(pod) is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            Deleted.Add(pod);
        }

        return Task.CompletedTask;
    }

    public Task AdoptPodAsync(V1Pod pod, V1OwnerReference owner, CancellationToken ct)
    {
        lock (_lock)
        {
            Adopted.Add((pod, owner));
        }

        return Task.CompletedTask;
    }

    public Task ReleasePodAsync(V1Pod pod, string ownerUid, CancellationToken ct)
    {
        lock (_lock)
        {
            Released.Add((pod, ownerUid));
        }

        return Task.CompletedTask;
    }

    public Task<ReplicaSetView?> ReadOwnerAsync(ObjectKey key, CancellationToken ct) => Task.FromResult(Owners(key));

    public Task UpdateStatusAsync(ReplicaSetView owner, ReplicaStatus status, CancellationToken ct)
    {
        lock (_lock)
        {
            StatusWrites.Add(status);
        }

        return Task.CompletedTask;
    }
}
