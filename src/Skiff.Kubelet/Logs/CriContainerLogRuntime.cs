using Grpc.Core;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Logs;

/// <summary><see cref="IContainerLogRuntime"/> over the CRI: ListContainers, ContainerStatus and ReopenContainerLog.</summary>
internal sealed class CriContainerLogRuntime(CriConnection cri) : IContainerLogRuntime
{
    public async Task<IReadOnlyList<string>> RunningContainersAsync(CancellationToken ct)
    {
        var response = await cri.Runtime.ListContainersAsync(new ListContainersRequest
        {
            Filter = new ContainerFilter { State = new ContainerStateValue { State = ContainerState.ContainerRunning } },
        }, cancellationToken: ct).ConfigureAwait(false);
        return response.Containers.Select(c => c.Id).ToList();
    }

    public async Task<string?> LogPathAsync(string containerId, CancellationToken ct)
    {
        try
        {
            var response = await cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId }, cancellationToken: ct).ConfigureAwait(false);
            return response.Status?.LogPath is { Length: > 0 } path ? path : null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task ReopenAsync(string containerId, CancellationToken ct) =>
        await cri.Runtime.ReopenContainerLogAsync(new ReopenContainerLogRequest { ContainerId = containerId }, cancellationToken: ct).ConfigureAwait(false);
}
