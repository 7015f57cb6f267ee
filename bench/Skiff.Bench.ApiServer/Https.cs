using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Skiff.Bench.ApiServer;

internal static class Https
{
    /// <summary>The HTTP version every request asks for; kubectl (Go) speaks HTTP/2 to an API server too.</summary>
    public static readonly Version Version = HttpVersion.Version20;

    public static HttpClient CreateClient(Uri server, X509Certificate2 clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            // 1,000 watchers outnumber one connection's stream limit (Kestrel allows 100), so more connections open as needed.
            EnableMultipleHttp2Connections = true,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions =
            {
                ClientCertificates = [clientCertificate],

                // The server's certificate comes from a CA made seconds ago in a temp dir; this is loopback only.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        return new HttpClient(handler)
        {
            BaseAddress = server,
            DefaultRequestVersion = Version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }
}
