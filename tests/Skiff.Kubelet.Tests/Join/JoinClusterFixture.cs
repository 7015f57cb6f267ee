using Skiff.Api.Join;
using Skiff.Testing;

namespace Skiff.Kubelet.Tests.Join;

/// <summary>One in-process API server for the join tests, with the token it wrote at start.</summary>
public sealed class JoinClusterFixture : IAsyncLifetime
{
    private InProcessCluster? _cluster;

    public InProcessCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public Uri Server => new($"https://127.0.0.1:{Cluster.Port}");

    public JoinToken Token => JoinToken.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(Cluster.KubeconfigPath)!, "server", "token")));

    public async Task InitializeAsync() => _cluster = await InProcessCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
