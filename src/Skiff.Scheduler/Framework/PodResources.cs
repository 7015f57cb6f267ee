using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// What a pod asks of a node, computed as upstream does: regular containers and sidecars (init containers with
/// restartPolicy Always) add up; each ordinary init container needs its own request plus the sidecars started before
/// it, and the pod needs the largest of those; pod overhead comes on top.
/// </summary>
public static class PodResources
{
    /// <summary>Upstream's defaults for containers that request no CPU or memory, used when spreading load.</summary>
    public const long DefaultMilliCpuRequest = 100;

    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    public static Resource Requests(V1Pod pod) => Compute(pod, nonZero: false);

    /// <summary>Like <see cref="Requests"/> but a missing cpu/memory request counts as the defaults above.</summary>
    public static Resource NonZeroRequests(V1Pod pod) => Compute(pod, nonZero: true);

    private static Resource Compute(V1Pod pod, bool nonZero)
    {
        var spec = pod.Spec;
        var total = new Resource();
        if (spec is null)
        {
            return total;
        }

        foreach (var container in spec.Containers ?? [])
        {
            total.Add(ContainerRequest(container, nonZero));
        }

        var sidecars = new Resource();
        var initPeak = new Resource();
        foreach (var init in spec.InitContainers ?? [])
        {
            var request = ContainerRequest(init, nonZero);
            if (init.RestartPolicy == "Always")
            {
                sidecars.Add(request);
                total.Add(request);
                initPeak.SetMax(sidecars);
            }
            else
            {
                request.Add(sidecars);
                initPeak.SetMax(request);
            }
        }

        total.SetMax(initPeak);
        if (spec.Overhead is not null)
        {
            total.Add(Resource.From(spec.Overhead));
        }

        return total;
    }

    private static Resource ContainerRequest(V1Container container, bool nonZero)
    {
        var request = Resource.From(container.Resources?.Requests);
        if (nonZero)
        {
            var requests = container.Resources?.Requests;
            if (requests is null || !requests.ContainsKey("cpu"))
            {
                request.MilliCpu = DefaultMilliCpuRequest;
            }

            if (requests is null || !requests.ContainsKey("memory"))
            {
                request.Memory = DefaultMemoryRequest;
            }
        }

        return request;
    }
}
