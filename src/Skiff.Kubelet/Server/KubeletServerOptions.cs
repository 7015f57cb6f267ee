using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Skiff.Kubelet.Server;

public sealed class KubeletServerOptions
{
    public IPAddress Address { get; set; } = IPAddress.Any;

    /// <summary>Upstream's default kubelet port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 10250;

    /// <summary>Serving certificate with private key, issued by the cluster CA for the node's names and addresses.</summary>
    public required X509Certificate2 ServingCertificate { get; set; }

    /// <summary>Client certificates must chain to this CA (the API server's kubelet-client cert does).</summary>
    public required X509Certificate2 ClientAuthority { get; set; }

    /// <summary><c>&lt;data-dir&gt;/agent/pod-logs</c>.</summary>
    public required string PodLogsDirectory { get; set; }
}
