using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace Skiff.E2E;

/// <summary>The admin client certificate from a server's kubeconfig, for tests that speak HTTPS directly.</summary>
public static class AdminCertificate
{
    public static X509Certificate2 Load(string kubeconfig)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        using var pem = X509Certificate2.CreateFromPem(
            Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateData!)),
            Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateKeyData!)));

        // SslStream on Linux wants a certificate whose key is not ephemeral; a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
