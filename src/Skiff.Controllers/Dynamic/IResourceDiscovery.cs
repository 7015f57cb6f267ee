namespace Skiff.Controllers.Dynamic;

/// <summary>Reads the server's discovery documents; a fake in tests.</summary>
public interface IResourceDiscovery
{
    Task<DiscoveryResult> DiscoverAsync(CancellationToken ct);
}
