using k8s.Models;
using Skiff.Kubelet.Lifecycle;

namespace Skiff.Kubelet.Placeholders;

/// <summary>Stand-in until the real hook runner is merged: handlers succeed without running.</summary>
public sealed class NoHookRunner : IHookRunner
{
    public Task<string?> RunAsync(V1Pod pod, V1Container container, string containerId, V1LifecycleHandler handler, string? podIp, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}
