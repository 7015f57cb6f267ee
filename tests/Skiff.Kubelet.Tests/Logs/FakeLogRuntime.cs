using Grpc.Core;
using Skiff.Kubelet.Logs;

namespace Skiff.Kubelet.Tests.Logs;

/// <summary>A runtime whose containers write to files the test owns; reopening makes a fresh empty file, as containerd does.</summary>
internal sealed class FakeLogRuntime : IContainerLogRuntime
{
    public Dictionary<string, string> LogPaths { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Containers whose ReopenContainerLog fails.</summary>
    public HashSet<string> FailingReopen { get; } = new(StringComparer.Ordinal);

    public List<string> Reopened { get; } = [];

    public Task<IReadOnlyList<string>> RunningContainersAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>(Running.Order(StringComparer.Ordinal).ToList());

    public Task<string?> LogPathAsync(string containerId, CancellationToken ct) => Task.FromResult(LogPaths.GetValueOrDefault(containerId));

    public Task ReopenAsync(string containerId, CancellationToken ct)
    {
        if (FailingReopen.Contains(containerId))
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unknown, "reopen failed"));
        }

        Reopened.Add(containerId);
        using (File.Open(LogPaths[containerId], FileMode.Append))
        {
        }

        return Task.CompletedTask;
    }
}
