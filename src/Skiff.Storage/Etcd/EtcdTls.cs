using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Skiff.Storage.Etcd;

/// <summary>Client TLS for etcd: our certificate if given, and the cluster's CA as the only root when given.</summary>
internal static class EtcdTls
{
    public static SslClientAuthenticationOptions ClientOptions(EtcdStoreOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (options.CertFile is not null || options.KeyFile is not null)
        {
            if (options.CertFile is null || options.KeyFile is null)
            {
                throw new ArgumentException("an etcd client certificate needs both a cert file and a key file");
            }

            ssl.ClientCertificates = [LoadClientCertificate(options.CertFile, options.KeyFile)];
        }

        if (options.CaFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(options.CaFile);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, roots);
        }

        return ssl;
    }

    private static X509Certificate2 LoadClientCertificate(string certFile, string keyFile)
    {
        using var ephemeral = X509Certificate2.CreateFromPemFile(certFile, keyFile);

        // SslStream wants a certificate whose key it can hand to the platform; a PFX round trip gives it one.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
