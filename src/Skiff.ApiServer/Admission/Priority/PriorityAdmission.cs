using System.Globalization;
using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;
using Skiff.Storage;

namespace Skiff.ApiServer.Admission.Priority;

/// <summary>
/// Upstream's Priority admission plugin: a new pod gets the priority and preemption policy of its
/// PriorityClass, or of the global default class when it names none.
/// </summary>
public sealed class PriorityAdmission : IAsyncAdmission
{
    private readonly Registries _registries;
    private readonly ResourceInfo _classes;

    public PriorityAdmission(Registries registries, ResourceCatalog catalog)
    {
        _registries = registries;
        _classes = catalog.Find("scheduling.k8s.io", "v1", "priorityclasses")
            ?? throw new InvalidOperationException("priorityclasses missing from the catalog");
    }

    public async Task AdmitCreateAsync(ResourceInfo resource, JsonObject obj, CancellationToken ct)
    {
        if (resource.Group.Length != 0 || resource.Resource != "pods")
        {
            return;
        }

        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        var name = Json.Name(obj);
        var className = JsonFields.Str(spec, "priorityClassName");
        JsonObject? priorityClass;
        if (className.Length > 0)
        {
            priorityClass = (await _registries.For(_classes).TryGetAsync(string.Empty, className, ct).ConfigureAwait(false))?.Object
                ?? throw ApiErrors.Forbidden(string.Empty, "pods", name, $"no PriorityClass with name {className} was found");
        }
        else
        {
            priorityClass = await FindGlobalDefaultAsync(ct).ConfigureAwait(false);
            if (priorityClass is not null)
            {
                spec["priorityClassName"] = Json.Name(priorityClass);
            }
        }

        var computed = priorityClass is null ? 0 : Value(priorityClass);
        if (JsonFields.Long(spec, "priority") is { } requested && requested != computed)
        {
            throw ApiErrors.Forbidden(string.Empty, "pods", name, string.Create(
                CultureInfo.InvariantCulture,
                $"the integer value of priority ({requested}) must not be provided in pod spec; priority admission controller computed {computed} from the given PriorityClass name"));
        }

        spec["priority"] = computed;
        var fromClass = JsonFields.Str(priorityClass, "preemptionPolicy");
        var policy = fromClass.Length > 0 ? fromClass : "PreemptLowerPriority";
        var requestedPolicy = JsonFields.Str(spec, "preemptionPolicy");
        if (requestedPolicy.Length > 0 && requestedPolicy != policy)
        {
            throw ApiErrors.Forbidden(string.Empty, "pods", name,
                $"the string value of PreemptionPolicy ({requestedPolicy}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name");
        }

        spec["preemptionPolicy"] = policy;
    }

    private async Task<JsonObject?> FindGlobalDefaultAsync(CancellationToken ct)
    {
        var store = _registries.For(_classes);
        var page = await _registries.Store.ListAsync(store.Prefix(string.Empty), ListOptions.All, ct).ConfigureAwait(false);
        JsonObject? chosen = null;
        foreach (var kv in page.Items)
        {
            var candidate = store.Decode(kv.Value, kv.ModRevision).Object;
            if (JsonFields.Bool(candidate, "globalDefault") != true)
            {
                continue;
            }

            // Upstream picks the lowest value when several classes claim to be the default.
            if (chosen is null || Value(candidate) < Value(chosen))
            {
                chosen = candidate;
            }
        }

        return chosen;
    }

    private static long Value(JsonObject priorityClass) => JsonFields.Long(priorityClass, "value") ?? 0;
}
