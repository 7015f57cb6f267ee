using k8s.Models;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Pods;

/// <summary>The resolv.conf a pod gets from its dnsPolicy and dnsConfig, as the CRI's DNSConfig.</summary>
public static class DnsConfigBuilder
{
    public static DNSConfig Build(V1Pod pod, string clusterDns, string clusterDomain, string hostResolvConf)
    {
        var policy = pod.Spec.DnsPolicy ?? "ClusterFirst";
        if (policy == "ClusterFirst" && pod.Spec.HostNetwork == true)
        {
            // Upstream: ClusterFirst on the host network means the host's resolver; ClusterFirstWithHostNet opts in.
            policy = "Default";
        }

        var servers = new List<string>();
        var searches = new List<string>();
        var options = new List<string>();
        switch (policy)
        {
            case "ClusterFirst" or "ClusterFirstWithHostNet":
                servers.Add(clusterDns);
                var ns = pod.Metadata.NamespaceProperty;
                searches.AddRange([$"{ns}.svc.{clusterDomain}", $"svc.{clusterDomain}", clusterDomain]);
                options.Add("ndots:5");
                break;
            case "Default":
                ReadHost(hostResolvConf, servers, searches, options);
                break;
        }

        if (pod.Spec.DnsConfig is { } extra)
        {
            servers.AddRange(extra.Nameservers ?? []);
            searches.AddRange(extra.Searches ?? []);
            foreach (var option in extra.Options ?? [])
            {
                options.RemoveAll(o => o.Split(':')[0] == option.Name);
                options.Add(option.Value is null ? option.Name : $"{option.Name}:{option.Value}");
            }
        }

        var config = new DNSConfig();
        config.Servers.AddRange(servers.Distinct(StringComparer.Ordinal));
        config.Searches.AddRange(searches.Distinct(StringComparer.Ordinal));
        config.Options.AddRange(options);
        return config;
    }

    private static void ReadHost(string path, List<string> servers, List<string> searches, List<string> options)
    {
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0].StartsWith('#'))
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver":
                    servers.Add(fields[1]);
                    break;
                case "search" or "domain":
                    searches.AddRange(fields[1..]);
                    break;
                case "options":
                    options.AddRange(fields[1..]);
                    break;
            }
        }
    }
}
