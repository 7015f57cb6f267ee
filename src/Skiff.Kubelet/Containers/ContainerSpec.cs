using k8s.Models;

namespace Skiff.Kubelet.Containers;

/// <summary>What the config builder needs besides the container: where things live on the host for this start.</summary>
public sealed record ContainerSpec(
    V1Pod Pod,
    V1Container Container,
    int RestartCount,
    bool IsInit,
    string ImageRef,
    long? ImageUid,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    IReadOnlyList<Cri.V1.Mount> Mounts);
