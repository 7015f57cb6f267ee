using System.Security.Cryptography.X509Certificates;
using k8s;
using Skiff.ApiServer.Hosting;

namespace Skiff.Commands;

/// <summary>
/// The admin client configuration for the server's own components, made from the certificates it holds: the same
/// credentials as the kubeconfig it writes, without parsing that YAML back (which loaded a YAML library into an
/// otherwise YAML-free idle server).
/// </summary>
internal static class LoopbackClientConfig
{
    public static KubernetesClientConfiguration For(ApiServerHost host, ApiServerOptions options)
    {
        var address = options.BindAddress.Equals(System.Net.IPAddress.Any) || options.BindAddress.Equals(System.Net.IPAddress.IPv6Any)
            ? "127.0.0.1"
            : options.BindAddress.ToString();
        return new KubernetesClientConfiguration
        {
            Host = $"https://{address}:{host.Port}",
            SslCaCerts = [X509CertificateLoader.LoadCertificate(host.Certificates.Authority.RawData)],
            ClientCertificateFilePath = host.Certificates.AdminCertPath,
            ClientKeyFilePath = host.Certificates.AdminKeyPath,
        };
    }
}
