using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Controllers.ServiceAccount;

internal sealed class ApiServiceAccountClient(IKubernetes client) : IServiceAccountClient
{
    public async Task CreateAsync(string ns, V1ServiceAccount account, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.CreateNamespacedServiceAccountAsync(account, ns, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Already there (our cache lagged), or the namespace is terminating or gone: nothing to do either way.
        }
    }
}
