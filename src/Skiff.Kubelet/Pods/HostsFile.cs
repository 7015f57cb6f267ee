using System.Text;
using k8s.Models;

namespace Skiff.Kubelet.Pods;

/// <summary>The /etc/hosts kubelet writes for a pod not on the host network: localhost entries, the pod's own name, hostAliases.</summary>
public static class HostsFile
{
    public static string Render(V1Pod pod, string? podIp)
    {
        var text = new StringBuilder();
        text.Append("# Kubernetes-managed hosts file.\n");
        text.Append("127.0.0.1\tlocalhost\n");
        text.Append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        text.Append("fe00::0\tip6-localnet\n");
        text.Append("fe00::0\tip6-mcastprefix\n");
        text.Append("fe00::1\tip6-allnodes\n");
        text.Append("fe00::2\tip6-allrouters\n");
        if (podIp is not null)
        {
            var hostname = SandboxConfigBuilder.Hostname(pod);
            text.Append(string.IsNullOrEmpty(pod.Spec.Subdomain)
                ? $"{podIp}\t{hostname}\n"
                : $"{podIp}\t{hostname}.{pod.Spec.Subdomain}.{pod.Metadata.NamespaceProperty}.svc.cluster.local\t{hostname}\n");
        }

        if (pod.Spec.HostAliases is { Count: > 0 } aliases)
        {
            text.Append("\n# Entries added by HostAliases.\n");
            foreach (var alias in aliases)
            {
                text.Append($"{alias.Ip}\t{string.Join('\t', alias.Hostnames ?? [])}\n");
            }
        }

        return text.ToString();
    }

    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return;
        }

        File.WriteAllText(path, content);
    }
}
