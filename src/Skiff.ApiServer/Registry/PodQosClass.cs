using System.Text.Json.Nodes;
using Skiff.Api.Quantities;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// The pod's quality-of-service class, which upstream stamps into status at create: only cpu and memory count;
/// Guaranteed when every container limits both and requests (defaulting to the limits) equal them, BestEffort when
/// no container asks for or limits either, Burstable otherwise.
/// </summary>
internal static class PodQosClass
{
    private static readonly string[] s_computeResources = ["cpu", "memory"];

    public static string Of(JsonObject pod)
    {
        var containers = Containers(pod["spec"]).ToList();
        var anySet = false;
        var guaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            var requests = container["resources"]?["requests"] as JsonObject;
            var limits = container["resources"]?["limits"] as JsonObject;
            foreach (var name in s_computeResources)
            {
                var request = Read(requests, name);
                var limit = Read(limits, name);
                if (request is { IsZero: false } || limit is { IsZero: false })
                {
                    anySet = true;
                }

                if (limit is not { IsZero: false } || (request is { } r && r != limit.Value))
                {
                    guaranteed = false;
                }
            }
        }

        return !anySet ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    private static IEnumerable<JsonObject> Containers(JsonNode? spec)
    {
        foreach (var list in (string[])["initContainers", "containers"])
        {
            if (spec?[list] is JsonArray array)
            {
                foreach (var container in array.OfType<JsonObject>())
                {
                    yield return container;
                }
            }
        }
    }

    private static Quantity? Read(JsonObject? list, string name) =>
        list?[name] is JsonValue value && value.TryGetValue<string>(out var text) && Quantity.TryParse(text, out var quantity) ? quantity : null;
}
