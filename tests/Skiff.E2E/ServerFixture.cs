namespace Skiff.E2E;

/// <summary>One skiff server shared by a test class; each test works in its own namespace.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private SkiffServer? _server;

    public SkiffServer Server => _server ?? throw new InvalidOperationException("server not started");

    public async Task InitializeAsync() => _server = await SkiffServer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public Kubectl Kubectl(string version) => new(version, Server.Kubeconfig);

    /// <summary>A fresh namespace per test, so tests sharing a server never see each other's objects.</summary>
    public async Task<string> NamespaceAsync(Kubectl kubectl, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await kubectl.OkAsync($"create namespace {name}").ConfigureAwait(false);
        return name;
    }
}
