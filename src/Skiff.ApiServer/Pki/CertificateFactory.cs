using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skiff.ApiServer.Pki;

/// <summary>Issues the cluster's ECDSA P-256 certificates, as k3s does, with System.Security.Cryptography.</summary>
public static class CertificateFactory
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);

    public static X509Certificate2 CreateAuthority(string commonName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(CaLifetime));
    }

    /// <summary>A TLS server certificate for the given DNS names and IP addresses.</summary>
    public static X509Certificate2 CreateServing(X509Certificate2 authority, string commonName, IEnumerable<string> names, DateTimeOffset now)
    {
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                sans.AddIpAddress(ip);
            }
            else
            {
                sans.AddDnsName(name);
            }
        }

        return CreateLeaf(authority, new X500DistinguishedName($"CN={commonName}"), now, "1.3.6.1.5.5.7.3.1", sans.Build());
    }

    /// <summary>
    /// A client certificate: Kubernetes takes the user from CN and the groups from the O attributes.
    /// </summary>
    public static X509Certificate2 CreateClient(X509Certificate2 authority, string user, IReadOnlyList<string> groups, DateTimeOffset now)
    {
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        subject.AddCommonName(user);
        return CreateLeaf(authority, subject.Build(), now, "1.3.6.1.5.5.7.3.2", null);
    }

    private static X509Certificate2 CreateLeaf(
        X509Certificate2 authority, X500DistinguishedName subject, DateTimeOffset now, string usageOid, X509Extension? sans)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        var notAfter = now.Add(LeafLifetime);
        if (notAfter > authority.NotAfter)
        {
            notAfter = authority.NotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }
}
