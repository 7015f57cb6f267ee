using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skiff.ApiServer.Pki;

/// <summary>Reads and writes certificate/key pairs as PEM files; private keys are written mode 0600.</summary>
public static class PemFiles
{
    public static void Write(X509Certificate2 certificate, string certPath, string keyPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(certPath)!);
        File.WriteAllText(certPath, certificate.ExportCertificatePem() + "\n");
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("only ECDSA certificates with a private key are written");
        WritePrivate(keyPath, key.ExportECPrivateKeyPem() + "\n");
    }

    /// <summary>One PEM document holding the certificate and then its private key, as the join endpoints hand them out.</summary>
    public static string CertificateAndKey(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("only ECDSA certificates with a private key are written");
        return certificate.ExportCertificatePem() + "\n" + key.ExportECPrivateKeyPem() + "\n";
    }

    public static X509Certificate2 Read(string certPath, string keyPath)
    {
        using var withKey = X509Certificate2.CreateFromPemFile(certPath, keyPath);

        // Kestrel on Linux needs a certificate whose key is not ephemeral; a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public static void WritePrivate(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (File.Create(path, 1, FileOptions.None))
        {
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, contents);
    }
}
