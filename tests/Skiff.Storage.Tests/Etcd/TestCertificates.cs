using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skiff.Storage.Tests.Etcd;

/// <summary>A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, as PEM files in a temp dir.</summary>
public sealed class TestCertificates : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private TestCertificates(string dir)
    {
        Dir = dir;
    }

    public string Dir { get; }

    public string CaFile => Path.Combine(Dir, "ca.crt");

    public string ServerCertFile => Path.Combine(Dir, "server.crt");

    public string ServerKeyFile => Path.Combine(Dir, "server.key");

    public string ClientCertFile => Path.Combine(Dir, "client.crt");

    public string ClientKeyFile => Path.Combine(Dir, "client.key");

    public EtcdServerTls Server => new(CaFile, ServerCertFile, ServerKeyFile);

    public static TestCertificates Create()
    {
        var certs = new TestCertificates(Directory.CreateTempSubdirectory("skiff-certs-").FullName);
        try
        {
            certs.Write();
            return certs;
        }
        catch
        {
            certs.Dispose();
            throw;
        }
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    private void Write()
    {
        var now = DateTimeOffset.UtcNow;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=skiff-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(CaFile, ca.ExportCertificatePem());

        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        Issue(ca, "CN=etcd-server", ServerAuth, san.Build(), ServerCertFile, ServerKeyFile, 1);
        Issue(ca, "CN=skiff-client", ClientAuth, null, ClientCertFile, ClientKeyFile, 2);
    }

    private static void Issue(X509Certificate2 ca, string subject, string usage, X509Extension? san, string certFile, string keyFile, byte serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        // A leaf may not outlive its issuer, so it takes the CA's own validity.
        using var cert = request.Create(ca, ca.NotBefore, ca.NotAfter, [serial]);
        File.WriteAllText(certFile, cert.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
