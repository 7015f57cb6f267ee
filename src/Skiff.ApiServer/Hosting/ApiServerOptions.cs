using System.Net;

namespace Skiff.ApiServer.Hosting;

/// <summary>The API server's settings, filled from the command line.</summary>
public sealed class ApiServerOptions
{
    public required string DataDir { get; init; }

    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    public int Port { get; init; } = 6443;

    public IReadOnlyList<string> TlsSans { get; init; } = [];

    /// <summary><c>--token</c>: the join token's secret (or a whole secure token for this CA); null keeps or makes <c>server/token</c>.</summary>
    public string? Token { get; init; }

    /// <summary>Where the admin kubeconfig is written; null for the default under the data dir.</summary>
    public string? KubeconfigPath { get; init; }

    public string ServiceCidr { get; init; } = "10.43.0.0/16";

    public string ClusterCidr { get; init; } = "10.42.0.0/16";

    /// <summary>The <c>iss</c> of service account tokens and the audience the server accepts; k3s's default.</summary>
    public string ServiceAccountIssuer { get; init; } = "https://kubernetes.default.svc.cluster.local";

    /// <summary>Handlers for extra non-resource paths (the scheduler's /metrics), tried after the built-in ones.</summary>
    public IReadOnlyList<INonResourceHandler> ExtraHandlers { get; init; } = [];

    public string KubeconfigOrDefault => KubeconfigPath ?? Path.Combine(DataDir, "kubeconfig.yaml");
}
