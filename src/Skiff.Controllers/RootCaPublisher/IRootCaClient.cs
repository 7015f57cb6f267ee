using k8s.Models;

namespace Skiff.Controllers.RootCaPublisher;

/// <summary>The publisher's writes; a fake in tests.</summary>
public interface IRootCaClient
{
    /// <summary>Creates the map; one that already exists, or a namespace that is going away, is not an error.</summary>
    Task CreateAsync(string ns, V1ConfigMap map, CancellationToken ct);

    Task ReplaceAsync(string ns, V1ConfigMap map, CancellationToken ct);
}
