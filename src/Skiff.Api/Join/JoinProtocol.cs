namespace Skiff.Api.Join;

/// <summary>
/// The API server's bootstrap endpoints, shaped like k3s's supervisor ones: the CA bundle for anyone, and for a
/// caller with the join token (basic auth <c>node:&lt;secret&gt;</c> or <c>Bearer &lt;secret&gt;</c>) a certificate and
/// key for the node named in <see cref="NodeNameHeader"/>, returned as one PEM document (certificate, then key).
/// </summary>
public static class JoinProtocol
{
    public const string CaCertsPath = "/cacerts";

    /// <summary>The kubelet's client certificate: user <c>system:node:&lt;name&gt;</c>, group <c>system:nodes</c>.</summary>
    public const string ClientKubeletPath = "/v1-skiff/client-kubelet.crt";

    /// <summary>The kubelet's serving certificate for the node's name and the addresses in <see cref="NodeIpHeader"/>.</summary>
    public const string ServingKubeletPath = "/v1-skiff/serving-kubelet.crt";

    public const string NodeNameHeader = "Skiff-Node-Name";

    /// <summary>Comma-separated IP addresses of the node.</summary>
    public const string NodeIpHeader = "Skiff-Node-IP";

    /// <summary>The basic-auth user agents present their secret as, as k3s agents do.</summary>
    public const string NodeUser = "node";

    public const string NodeUserPrefix = "system:node:";

    public const string NodesGroup = "system:nodes";
}
