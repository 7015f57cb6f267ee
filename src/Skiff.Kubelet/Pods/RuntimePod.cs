using System.Globalization;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Pods;

/// <summary>What the runtime has for one pod uid: its sandboxes (newest first) and every container, read from the CRI.</summary>
public sealed record RuntimePod(IReadOnlyList<PodSandboxStatus> Sandboxes, IReadOnlyList<ContainerStatus> Containers)
{
    public static RuntimePod Empty { get; } = new([], []);

    public PodSandboxStatus? ReadySandbox => Sandboxes.FirstOrDefault(s => s.State == PodSandboxState.SandboxReady);

    public string? PodIp => ReadySandbox?.Network?.Ip is { Length: > 0 } ip ? ip : null;

    /// <summary>The containers of one name, newest attempt first.</summary>
    public IReadOnlyList<ContainerStatus> Attempts(string name) =>
        Containers.Where(c => c.Metadata?.Name == name)
            .OrderByDescending(RestartCountOf)
            .ThenByDescending(c => c.CreatedAt)
            .ToList();

    public ContainerStatus? Latest(string name) => Attempts(name).FirstOrDefault();

    public static int RestartCountOf(ContainerStatus container) =>
        container.Annotations.TryGetValue(PodLabels.RestartCount, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : (int)(container.Metadata?.Attempt ?? 0);

    public static async Task<RuntimePod> LoadAsync(CriConnection cri, string uid, CancellationToken ct)
    {
        var sandboxes = await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest
        {
            Filter = new PodSandboxFilter { LabelSelector = { [PodLabels.PodUid] = uid } },
        }, cancellationToken: ct).ConfigureAwait(false);
        var sandboxStatuses = new List<PodSandboxStatus>();
        foreach (var sandbox in sandboxes.Items.OrderByDescending(s => s.CreatedAt))
        {
            var status = await cri.Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct).ConfigureAwait(false);
            sandboxStatuses.Add(status.Status);
        }

        var containers = await cri.Runtime.ListContainersAsync(new ListContainersRequest
        {
            Filter = new ContainerFilter { LabelSelector = { [PodLabels.PodUid] = uid } },
        }, cancellationToken: ct).ConfigureAwait(false);
        var containerStatuses = new List<ContainerStatus>();
        foreach (var container in containers.Containers)
        {
            try
            {
                var status = await cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = container.Id }, cancellationToken: ct).ConfigureAwait(false);
                containerStatuses.Add(status.Status);
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                // Removed between the list and the status call.
            }
        }

        return new RuntimePod(sandboxStatuses, containerStatuses);
    }
}
