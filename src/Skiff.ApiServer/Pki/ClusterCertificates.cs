using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Skiff.ApiServer.Pki;

/// <summary>
/// The cluster CA and the certificates issued from it, kept under <c>&lt;data-dir&gt;/server/tls</c>. Made at
/// first start, reused after; the serving certificate is re-issued when it lacks a name it must carry.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    private ClusterCertificates(string directory, X509Certificate2 authority, X509Certificate2 serving, X509Certificate2 admin, X509Certificate2 kubeletClient)
    {
        KubeletClient = kubeletClient;
        Directory = directory;
        Authority = authority;
        Serving = serving;
        Admin = admin;
    }

    public string Directory { get; }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Serving { get; }

    public X509Certificate2 Admin { get; }

    /// <summary>What the API server presents to kubelets (logs, exec, port-forward), as upstream's kube-apiserver-kubelet-client.</summary>
    public X509Certificate2 KubeletClient { get; }

    public string AuthorityPath => Path.Combine(Directory, "server-ca.crt");

    public string AdminCertPath => Path.Combine(Directory, "client-admin.crt");

    public string AdminKeyPath => Path.Combine(Directory, "client-admin.key");

    public static ClusterCertificates LoadOrCreate(string dataDir, IEnumerable<string> extraSans, TimeProvider time)
    {
        var dir = Path.Combine(dataDir, "server", "tls");
        System.IO.Directory.CreateDirectory(dir);
        var now = time.GetUtcNow();

        var authority = LoadOrIssue(dir, "server-ca", () => CertificateFactory.CreateAuthority($"skiff-server-ca@{now.ToUnixTimeSeconds()}", now));
        var names = RequiredNames(extraSans);
        var serving = LoadOrIssue(
            dir,
            "serving-kube-apiserver",
            () => CertificateFactory.CreateServing(authority, "kube-apiserver", names, now),
            existing => CoversAll(existing, names));
        var admin = LoadOrIssue(dir, "client-admin", () => CertificateFactory.CreateClient(authority, "system:admin", ["system:masters"], now));
        var kubeletClient = LoadOrIssue(dir, "client-kube-apiserver-kubelet", () => CertificateFactory.CreateClient(authority, "kube-apiserver-kubelet-client", ["system:masters"], now));
        return new ClusterCertificates(dir, authority, serving, admin, kubeletClient);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Serving.Dispose();
        Admin.Dispose();
        KubeletClient.Dispose();
    }

    private static X509Certificate2 LoadOrIssue(string dir, string name, Func<X509Certificate2> issue, Func<X509Certificate2, bool>? stillGood = null)
    {
        var certPath = Path.Combine(dir, name + ".crt");
        var keyPath = Path.Combine(dir, name + ".key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = PemFiles.Read(certPath, keyPath);
            if (stillGood is null || stillGood(existing))
            {
                return existing;
            }

            existing.Dispose();
        }

        using var issued = issue();
        PemFiles.Write(issued, certPath, keyPath);
        return PemFiles.Read(certPath, keyPath);
    }

    private static List<string> RequiredNames(IEnumerable<string> extraSans)
    {
        var names = new List<string>
        {
            "127.0.0.1", "::1", "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local", Environment.MachineName.ToLowerInvariant(),
        };
        names.AddRange(HostAddresses.All());
        names.AddRange(extraSans.Where(s => !string.IsNullOrWhiteSpace(s)));
        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool CoversAll(X509Certificate2 certificate, IEnumerable<string> names)
    {
        var ext = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (ext is null)
        {
            return false;
        }

        var dns = new HashSet<string>(ext.EnumerateDnsNames(), StringComparer.OrdinalIgnoreCase);
        var ips = new HashSet<IPAddress>(ext.EnumerateIPAddresses());
        return names.All(n => IPAddress.TryParse(n, out var ip) ? ips.Contains(ip) : dns.Contains(n));
    }
}
