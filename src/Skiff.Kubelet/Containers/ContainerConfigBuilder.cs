using System.Globalization;
using k8s.Models;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.Containers;

/// <summary>Turns a pod's container into the CRI ContainerConfig kubelet sends to CreateContainer.</summary>
public static class ContainerConfigBuilder
{
    private const long CpuPeriod = 100_000;
    private const long MinShares = 2;

    public static ContainerConfig Build(ContainerSpec spec)
    {
        var pod = spec.Pod;
        var container = spec.Container;
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = container.Name, Attempt = (uint)spec.RestartCount },
            Image = new ImageSpec { Image = spec.ImageRef },
            WorkingDir = container.WorkingDir ?? string.Empty,
            LogPath = $"{container.Name}/{spec.RestartCount}.log",
            Stdin = container.Stdin ?? false,
            StdinOnce = container.StdinOnce ?? false,
            Tty = container.Tty ?? false,
            Labels =
            {
                [PodLabels.PodName] = pod.Metadata.Name,
                [PodLabels.PodNamespace] = pod.Metadata.NamespaceProperty,
                [PodLabels.PodUid] = pod.Metadata.Uid,
                [PodLabels.ContainerName] = container.Name,
                [PodLabels.KubeletManaged] = "true",
            },
            Annotations =
            {
                [PodLabels.RestartCount] = spec.RestartCount.ToString(CultureInfo.InvariantCulture),
                [PodLabels.TerminationMessagePath] = container.TerminationMessagePath ?? "/dev/termination-log",
                [PodLabels.ContainerType] = spec.IsInit ? "init" : "regular",
            },
            Linux = new LinuxContainerConfig
            {
                Resources = Resources(container),
                SecurityContext = Security(pod, container, spec.ImageUid),
            },
        };
        string? Lookup(string name) => spec.Env.LastOrDefault(kv => kv.Key == name) is { Key: not null } kv ? kv.Value : null;
        config.Command.AddRange((container.Command ?? []).Select(c => VariableExpansion.Expand(c, Lookup)));
        config.Args.AddRange((container.Args ?? []).Select(a => VariableExpansion.Expand(a, Lookup)));
        config.Envs.AddRange(spec.Env.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }));
        config.Mounts.AddRange(spec.Mounts);
        return config;
    }

    public static LinuxContainerResources Resources(V1Container container)
    {
        var resources = new LinuxContainerResources();
        var limits = container.Resources?.Limits;
        var requests = container.Resources?.Requests;
        decimal? cpuRequest = requests?.TryGetValue("cpu", out var r) == true ? r.ToDecimal() : null;
        decimal? cpuLimit = limits?.TryGetValue("cpu", out var l) == true ? l.ToDecimal() : null;
        // A limit without a request requests the limit (API defaulting does the same for new pods).
        var shareBase = cpuRequest ?? cpuLimit;
        resources.CpuShares = shareBase is { } cores ? Math.Max(MinShares, (long)(cores * 1000m) * 1024 / 1000) : MinShares;
        if (cpuLimit is { } limit && limit > 0)
        {
            resources.CpuPeriod = CpuPeriod;
            resources.CpuQuota = Math.Max(1000, (long)(limit * 1000m) * CpuPeriod / 1000);
        }

        if (limits?.TryGetValue("memory", out var memory) == true)
        {
            resources.MemoryLimitInBytes = (long)memory.ToDecimal();
        }

        return resources;
    }

    private static LinuxContainerSecurityContext Security(V1Pod pod, V1Container container, long? imageUid)
    {
        var podContext = pod.Spec.SecurityContext;
        var context = container.SecurityContext;
        var security = new LinuxContainerSecurityContext
        {
            Privileged = context?.Privileged ?? false,
            ReadonlyRootfs = context?.ReadOnlyRootFilesystem ?? false,
            NamespaceOptions = Namespaces(pod),
        };
        var runAsUser = context?.RunAsUser ?? podContext?.RunAsUser;
        var runAsGroup = context?.RunAsGroup ?? podContext?.RunAsGroup;
        if (runAsUser is { } uid)
        {
            security.RunAsUser = new Int64Value { Value = uid };
        }

        if (runAsGroup is { } gid)
        {
            security.RunAsGroup = new Int64Value { Value = gid };
        }

        security.SupplementalGroups.AddRange((podContext?.SupplementalGroups ?? []).OfType<long>());
        if (podContext?.FsGroup is { } fsGroup)
        {
            security.SupplementalGroups.Add(fsGroup);
        }

        if (context?.RunAsNonRoot ?? podContext?.RunAsNonRoot ?? false)
        {
            var effective = runAsUser ?? imageUid;
            if (effective == 0)
            {
                throw new ContainerConfigException(runAsUser is null
                    ? $"container has runAsNonRoot and image will run as root (pod: \"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})\", container: {container.Name})"
                    : $"container's runAsUser breaks non-root policy (pod: \"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})\", container: {container.Name})");
            }

            if (effective is null)
            {
                throw new ContainerConfigException($"container has runAsNonRoot and image has non-numeric user, cannot verify user is non-root (pod: \"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})\", container: {container.Name})");
            }
        }

        if (context?.Capabilities is { } capabilities)
        {
            security.Capabilities = new Capability();
            security.Capabilities.AddCapabilities.AddRange((capabilities.Add ?? []).Select(Capability));
            security.Capabilities.DropCapabilities.AddRange((capabilities.Drop ?? []).Select(Capability));
        }

        // Upstream sets no_new_privs only when escalation is forbidden explicitly; unset leaves it off.
        security.NoNewPrivs = context?.AllowPrivilegeEscalation == false;
        return security;
    }

    private static string Capability(string name) =>
        name.Equals("ALL", StringComparison.OrdinalIgnoreCase) || name.StartsWith("CAP_", StringComparison.Ordinal) ? name.ToUpperInvariant() : "CAP_" + name.ToUpperInvariant();

    public static NamespaceOption Namespaces(V1Pod pod) => new()
    {
        Network = pod.Spec.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
        Pid = pod.Spec.HostPID == true ? NamespaceMode.Node : pod.Spec.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
        Ipc = pod.Spec.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
    };
}
