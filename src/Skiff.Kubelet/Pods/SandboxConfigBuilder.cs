using k8s.Models;
using Skiff.Kubelet.Containers;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Status;

namespace Skiff.Kubelet.Pods;

/// <summary>The CRI PodSandboxConfig for a pod: metadata, hostname, DNS, host ports, namespaces and cgroup parent.</summary>
public static class SandboxConfigBuilder
{
    public static PodSandboxConfig Build(V1Pod pod, uint attempt, string logDirectory, DNSConfig dns)
    {
        var meta = pod.Metadata;
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = meta.Name, Namespace = meta.NamespaceProperty, Uid = meta.Uid, Attempt = attempt },
            Hostname = Hostname(pod),
            LogDirectory = logDirectory,
            DnsConfig = dns,
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = CgroupParent(pod),
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = ContainerConfigBuilder.Namespaces(pod) },
            },
        };
        foreach (var (key, value) in meta.Labels ?? new Dictionary<string, string>())
        {
            config.Labels[key] = value;
        }

        config.Labels[PodLabels.PodName] = meta.Name;
        config.Labels[PodLabels.PodNamespace] = meta.NamespaceProperty;
        config.Labels[PodLabels.PodUid] = meta.Uid;
        config.Labels[PodLabels.KubeletManaged] = "true";
        foreach (var (key, value) in meta.Annotations ?? new Dictionary<string, string>())
        {
            config.Annotations[key] = value;
        }

        if (pod.Spec.SecurityContext is { } podSecurity)
        {
            var security = config.Linux.SecurityContext;
            if (podSecurity.RunAsUser is { } uid)
            {
                security.RunAsUser = new Int64Value { Value = uid };
            }

            if (podSecurity.RunAsGroup is { } gid)
            {
                security.RunAsGroup = new Int64Value { Value = gid };
            }

            security.SupplementalGroups.AddRange((podSecurity.SupplementalGroups ?? []).OfType<long>());
            foreach (var sysctl in podSecurity.Sysctls ?? [])
            {
                config.Linux.Sysctls[sysctl.Name] = sysctl.Value;
            }
        }

        foreach (var container in (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers))
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is not { } hostPort || hostPort == 0)
                {
                    continue;
                }

                config.PortMappings.Add(new PortMapping
                {
                    ContainerPort = port.ContainerPort,
                    HostPort = hostPort,
                    HostIp = port.HostIP ?? string.Empty,
                    Protocol = port.Protocol switch { "UDP" => Protocol.Udp, "SCTP" => Protocol.Sctp, _ => Protocol.Tcp },
                });
            }
        }

        return config;
    }

    /// <summary>The pod's hostname: spec.hostname, else its name cut to 63 characters without a trailing dash or dot.</summary>
    public static string Hostname(V1Pod pod)
    {
        var name = string.IsNullOrEmpty(pod.Spec.Hostname) ? pod.Metadata.Name : pod.Spec.Hostname;
        return name.Length <= 63 ? name : name[..63].TrimEnd('-', '.');
    }

    /// <summary>cgroupfs layout as upstream's kubelet: /kubepods[/burstable|/besteffort]/pod&lt;uid&gt;.</summary>
    public static string CgroupParent(V1Pod pod) => QosClassifier.Classify(pod.Spec) switch
    {
        "Guaranteed" => $"/kubepods/pod{pod.Metadata.Uid}",
        "Burstable" => $"/kubepods/burstable/pod{pod.Metadata.Uid}",
        _ => $"/kubepods/besteffort/pod{pod.Metadata.Uid}",
    };
}
