using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Skiff.Bench.ApiServer;

internal static class Kubeconfig
{
    /// <summary>The admin client certificate and key embedded (base64 PEM) in a kubeconfig skiff wrote.</summary>
    public static X509Certificate2 ClientCertificate(string yaml)
    {
        var cert = Field(yaml, "client-certificate-data:");
        var key = Field(yaml, "client-key-data:");
        using var pem = X509Certificate2.CreateFromPem(cert, key);

        // SslStream on Linux wants a certificate whose key is not ephemeral; a PKCS#12 round trip gives that.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static string Field(string yaml, string name)
    {
        var line = yaml.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{name} missing from the kubeconfig");
        return Encoding.UTF8.GetString(Convert.FromBase64String(line[name.Length..].Trim()));
    }
}
