using System.Security.Cryptography.X509Certificates;
using Skiff.ApiServer.Pki;
using Skiff.Kubelet;

namespace Skiff.Commands;

/// <summary>
/// The server's own kubelet gets its serving certificate straight from the cluster CA (an agent on another machine
/// asks the server for one instead). Issued at every start: nothing but the API server ever dials it, and upstream's
/// API server does not check it unless told to.
/// </summary>
internal static class KubeletServingCertificates
{
    public static KubeletOptions WithCertificates(KubeletOptions options, ClusterCertificates cluster, TimeProvider time)
    {
        var names = new List<string> { options.ResolvedNodeName, "localhost", "127.0.0.1", "::1" };
        names.AddRange(HostAddresses.All());
        using var issued = CertificateFactory.CreateServing(cluster.Authority, "system:node:" + options.ResolvedNodeName, names, time.GetUtcNow());

        // Kestrel on Linux needs the key in a form SslStream can export; a PKCS#12 round trip gives it one.
        var serving = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        var authority = X509CertificateLoader.LoadCertificate(cluster.Authority.RawData);
        return options with { ServingCertificate = serving, ClientAuthority = authority };
    }
}
