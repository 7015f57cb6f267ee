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

    public static Resource Requests(V1Pod pod) => Compute(pod, ParseContainers(pod), nonZero: false);

    /// <summary>Like <see cref="Requests"/> but a missing cpu/memory request counts as the defaults above.</summary>
    public static Resource NonZeroRequests(V1Pod pod) => Compute(pod, ParseContainers(pod), nonZero: true);

    /// <summary>Both views, parsing each container's requests once.</summary>
    public static (Resource Requests, Resource NonZero) Both(V1Pod pod)
    {
        var parsed = ParseContainers(pod);
        return (Compute(pod, parsed, nonZero: false), Compute(pod, parsed, nonZero: true));
    }

    /// <summary>Each container's requests as written: regular containers first, then init containers.</summary>
    private static Resource[] ParseContainers(V1Pod pod)
    {
        var containers = pod.Spec?.Containers;
        var inits = pod.Spec?.InitContainers;
        var parsed = new Resource[(containers?.Count ?? 0) + (inits?.Count ?? 0)];
        var n = 0;
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            parsed[n++] = Resource.From(containers![i].Resources?.Requests);
        }

        for (var i = 0; i < (inits?.Count ?? 0); i++)
        {
            parsed[n++] = Resource.From(inits![i].Resources?.Requests);
        }

        return parsed;
    }

    private static Resource Compute(V1Pod pod, Resource[] parsed, bool nonZero)
    {
        var spec = pod.Spec;
        var total = new Resource();
        if (spec is null)
        {
            return total;
        }

        var n = 0;
        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            total.Add(ContainerRequest(spec.Containers![i], parsed[n++], nonZero));
        }

        var sidecars = new Resource();
        var initPeak = new Resource();
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
        {
            var init = spec.InitContainers![i];
            var request = ContainerRequest(init, parsed[n++], nonZero);
            if (init.RestartPolicy == "Always")
            {
                sidecars.Add(request);
                total.Add(request);
                initPeak.SetMax(sidecars);
            }
            else
            {
                var withSidecars = request.Clone();
                withSidecars.Add(sidecars);
                initPeak.SetMax(withSidecars);
            }
        }

        total.SetMax(initPeak);
        if (spec.Overhead is not null)
        {
            total.Add(Resource.From(spec.Overhead));
        }

        return total;
    }

    /// <summary>The parsed requests, or for the non-zero view a copy with the defaults filled in (never changed in place).</summary>
    private static Resource ContainerRequest(V1Container container, Resource parsed, bool nonZero)
    {
        if (!nonZero)
        {
            return parsed;
        }

        var requests = container.Resources?.Requests;
        var missingCpu = requests is null || !requests.ContainsKey("cpu");
        var missingMemory = requests is null || !requests.ContainsKey("memory");
        if (!missingCpu && !missingMemory)
        {
            return parsed;
        }

        var request = parsed.Clone();
        if (missingCpu)
        {
            request.MilliCpu = DefaultMilliCpuRequest;
        }

        if (missingMemory)
        {
            request.Memory = DefaultMemoryRequest;
        }

        return request;
    }
}
