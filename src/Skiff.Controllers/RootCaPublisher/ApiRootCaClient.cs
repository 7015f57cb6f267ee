using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Controllers.RootCaPublisher;

internal sealed class ApiRootCaClient(IKubernetes client) : IRootCaClient
{
    public async Task CreateAsync(string ns, V1ConfigMap map, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(map, ns, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Already there (the cache lagged), or the namespace is terminating or gone.
        }
    }

    public async Task ReplaceAsync(string ns, V1ConfigMap map, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, map.Metadata.Name, ns, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound)
        {
            // Deleted meanwhile; the delete event queues the namespace again and the map is re-created.
        }
    }
}
