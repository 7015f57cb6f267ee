using System.Globalization;
using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;
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
    private readonly FreshReads _reads;
    private volatile DefaultClassMemo? _memo;

    /// <param name="reads">Where classes are read (the watch cache, as upstream's lister); the store when null.</param>
    public PriorityAdmission(Registries registries, ResourceCatalog catalog, FreshReads? reads = null)
    {
        _registries = registries;
        _reads = reads ?? new FreshReads(null);
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
            priorityClass = await _reads.GetAsync(_registries.For(_classes), string.Empty, className, ct).ConfigureAwait(false)
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
        if (_reads.TryList(store, string.Empty) is { } cached)
        {
            return Choose(cached.Objects.Count, cached.Objects.Count == 0 ? 0 : cached.Objects.Max(o => o.Revision), () => cached.Objects.Select(o => o.Object));
        }

        var page = await _registries.Store.ListAsync(store.Prefix(string.Empty), ListOptions.All, ct).ConfigureAwait(false);
        return Choose(
            page.Items.Count,
            page.Items.Count == 0 ? 0 : page.Items.Max(kv => kv.ModRevision),
            () => page.Items.Select(kv => store.Decode(kv.Value, kv.ModRevision).Object));
    }

    // Every pod create asks; decoding every class each time was a few percent of the server's allocation. The same
    // count and newest revision mean the same classes: any create or update brings a newer revision, and deletes alone
    // lower the count.
    private JsonObject? Choose(int count, long newest, Func<IEnumerable<JsonObject>> classes)
    {
        if (_memo is { } memo && memo.Count == count && memo.NewestRevision == newest)
        {
            return memo.Chosen;
        }

        JsonObject? chosen = null;
        foreach (var candidate in classes())
        {
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

        if (chosen is not null)
        {
            // A parsed document builds its members on first read, which is not safe from many requests at once:
            // read what admission uses before the object is shared.
            _ = Json.Name(chosen);
            _ = JsonFields.Str(chosen, "preemptionPolicy");
        }

        _memo = new DefaultClassMemo(count, newest, chosen);
        return chosen;
    }

    /// <summary>The global default found in one listing of the classes; only read, never changed, once shared.</summary>
    private sealed record DefaultClassMemo(int Count, long NewestRevision, JsonObject? Chosen);

    private static long Value(JsonObject priorityClass) => JsonFields.Long(priorityClass, "value") ?? 0;
}
