using System.Globalization;
using k8s.Models;

namespace Skiff.Kubelet.Containers;

/// <summary>
/// The docker-links style variables kubelet gives every container for the Services it can see: those of the pod's
/// namespace (unless enableServiceLinks is false) and always the master service <c>default/kubernetes</c>.
/// </summary>
public static class ServiceEnvironment
{
    public static IReadOnlyList<KeyValuePair<string, string>> For(V1Pod pod, IEnumerable<V1Service> services)
    {
        var links = pod.Spec.EnableServiceLinks ?? true;
        var chosen = new SortedDictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var ip = service.Spec?.ClusterIP;
            if (string.IsNullOrEmpty(ip) || ip == "None")
            {
                continue;
            }

            var name = service.Metadata.Name;
            var ns = service.Metadata.NamespaceProperty;
            if (ns == pod.Metadata.NamespaceProperty && links)
            {
                chosen[name] = service;
            }
            else if (ns == "default" && name == "kubernetes")
            {
                chosen.TryAdd(name, service);
            }
        }

        var env = new List<KeyValuePair<string, string>>();
        foreach (var service in chosen.Values)
        {
            AddService(env, service);
        }

        return env;
    }

    private static void AddService(List<KeyValuePair<string, string>> env, V1Service service)
    {
        var prefix = service.Metadata.Name.ToUpperInvariant().Replace('-', '_');
        var ip = service.Spec.ClusterIP;
        var ports = service.Spec.Ports ?? [];
        env.Add(new(prefix + "_SERVICE_HOST", ip));
        if (ports.Count == 0)
        {
            return;
        }

        env.Add(new(prefix + "_SERVICE_PORT", Port(ports[0])));
        foreach (var port in ports.Where(p => !string.IsNullOrEmpty(p.Name)))
        {
            env.Add(new($"{prefix}_SERVICE_PORT_{port.Name.ToUpperInvariant().Replace('-', '_')}", Port(port)));
        }

        var first = ports[0];
        env.Add(new(prefix + "_PORT", $"{Protocol(first)}://{HostPort(ip, first)}"));
        foreach (var port in ports)
        {
            var protocol = Protocol(port);
            var key = $"{prefix}_PORT_{Port(port)}_{protocol.ToUpperInvariant()}";
            env.Add(new(key, $"{protocol}://{HostPort(ip, port)}"));
            env.Add(new(key + "_PROTO", protocol));
            env.Add(new(key + "_PORT", Port(port)));
            env.Add(new(key + "_ADDR", ip));
        }
    }

    private static string Port(V1ServicePort port) => port.Port.ToString(CultureInfo.InvariantCulture);

    private static string Protocol(V1ServicePort port) => (port.Protocol ?? "TCP").ToLowerInvariant();

    private static string HostPort(string ip, V1ServicePort port) =>
        ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]:{Port(port)}" : $"{ip}:{Port(port)}";
}
