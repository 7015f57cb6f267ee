using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;
using Skiff.Storage;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// The API server's own CRD registration, as upstream's apiextensions-apiserver does it: for every CRD
/// (all of them from the store at start, then each change from the CRD watch) it decides the accepted
/// names, sets the NamesAccepted and Established conditions, serves the established versions through the
/// catalog, and on delete removes every custom object before it lets the CRD go. One worker handles one
/// CRD at a time, always from its current stored state.
/// </summary>
public sealed partial class CrdController : IAsyncDisposable
{
    private static readonly TimeSpan CleanupRetry = TimeSpan.FromSeconds(1);

    private readonly Registries _registries;
    private readonly WatchCaches _caches;
    private readonly ResourceCatalog _catalog;
    private readonly CustomResourceVersions _versions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResourceStore _crds;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ServedVersion>> _registered = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public CrdController(
        Registries registries, WatchCaches caches, ResourceCatalog catalog, CustomResourceVersions versions, TimeProvider time, ILogger<CrdController> logger)
    {
        _registries = registries;
        _caches = caches;
        _catalog = catalog;
        _versions = versions;
        _time = time;
        _logger = logger;
        var info = catalog.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")
            ?? throw new InvalidOperationException("customresourcedefinitions missing from the catalog");
        _crds = registries.For(info);
    }

    /// <summary>Registers every stored CRD before returning, so custom resources are served as soon as the server is; then follows changes.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var page = await _crds.Store.ListAsync(_crds.Prefix(string.Empty), ListOptions.All, ct).ConfigureAwait(false);
        foreach (var kv in page.Items)
        {
            var name = Json.Name(_crds.Decode(kv.Value, kv.ModRevision).Object);
            await ReconcileSafelyAsync(name, ct).ConfigureAwait(false);
        }

        _loops.Add(Task.Run(() => WatchLoopAsync(_stop.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => WorkLoopAsync(_stop.Token), CancellationToken.None));
    }

    /// <summary>Handles one CRD now; tests drive the controller through this.</summary>
    internal async Task<bool> ReconcileAsync(string name, CancellationToken ct)
    {
        var stored = await _crds.TryGetAsync(string.Empty, name, ct).ConfigureAwait(false);
        if (stored is null)
        {
            if (Unregister(name))
            {
                RequeueAll();
            }

            return true;
        }

        if (Json.HasDeletionTimestamp(stored.Object))
        {
            return await CleanUpAsync(stored.Object, ct).ConfigureAwait(false);
        }

        var updated = await _crds.UpdateAsync(string.Empty, name, live =>
        {
            var naming = CrdNaming.Decide(live, _catalog.All, r => IsOwn(name, r));
            CrdStatus.Apply(live, naming, _time.GetUtcNow());
            return live;
        }, expectedResourceVersion: null, dryRun: false, ct).ConfigureAwait(false);

        var crd = updated.Object;
        if (CrdConditions.IsTrue(crd, CrdConditions.Established))
        {
            Register(name, crd);
        }
        else
        {
            Unregister(name);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        foreach (var loop in _loops)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    /// <summary>Deletes every custom object, then lets the CRD go by removing the cleanup finalizer. False: objects remain, try again.</summary>
    private async Task<bool> CleanUpAsync(JsonObject crd, CancellationToken ct)
    {
        var name = Json.Name(crd);
        if (CrdConditions.IsTrue(crd, CrdConditions.Established))
        {
            Register(name, crd);
        }

        if (!HasCleanupFinalizer(crd))
        {
            return true;
        }

        await SetTerminatingAsync(name, "InstanceDeletionInProgress", "CustomResource deletion is in progress", ct).ConfigureAwait(false);
        var remaining = await DeleteInstancesAsync(crd, ct).ConfigureAwait(false);
        if (remaining > 0)
        {
            return false;
        }

        try
        {
            await _crds.UpdateAsync(string.Empty, name, live =>
            {
                CrdConditions.Set(live, CrdConditions.Terminating, false, "InstanceDeletionCompleted", "removed all instances", _time.GetUtcNow());
                if (Json.Finalizers(live) is { } finalizers)
                {
                    foreach (var f in finalizers.Where(f => f is JsonValue v && v.TryGetValue<string>(out var s) && s == CrdJson.CleanupFinalizer).ToList())
                    {
                        finalizers.Remove(f);
                    }
                }

                return live;
            }, expectedResourceVersion: null, dryRun: false, ct).ConfigureAwait(false);
        }
        catch (Errors.ApiException e) when (e.Code == 404)
        {
        }

        if (await _crds.TryGetAsync(string.Empty, name, ct).ConfigureAwait(false) is null)
        {
            Unregister(name);
            RequeueAll();
        }

        return true;
    }

    private async Task<int> DeleteInstancesAsync(JsonObject crd, CancellationToken ct)
    {
        var resource = StorageResource(crd);
        if (resource is null)
        {
            return 0;
        }

        var store = _registries.For(resource);
        var page = await store.Store.ListAsync(store.Prefix(string.Empty), ListOptions.All, ct).ConfigureAwait(false);
        foreach (var kv in page.Items)
        {
            var obj = store.Decode(kv.Value, kv.ModRevision).Object;
            try
            {
                await store.DeleteAsync(Json.Namespace(obj), Json.Name(obj), new DeleteRequest(), dryRun: false, ct).ConfigureAwait(false);
            }
            catch (Errors.ApiException e) when (e.Code == 404)
            {
            }
        }

        var left = await store.Store.ListAsync(store.Prefix(string.Empty), new ListOptions(Limit: 1), ct).ConfigureAwait(false);
        return left.Items.Count;
    }

    /// <summary>Where the CRD's objects live: every version shares the key space of group and accepted plural, served or not.</summary>
    private static ResourceInfo? StorageResource(JsonObject crd)
    {
        var accepted = CrdNames.From(crd["status"]?["acceptedNames"]);
        if (accepted.Plural.Length == 0)
        {
            return null;
        }

        return new ResourceInfo
        {
            Group = CrdJson.Group(crd),
            Version = CrdJson.StorageVersion(crd) ?? string.Empty,
            Resource = accepted.Plural,
            Kind = accepted.Kind,
            SingularName = accepted.Singular,
            Namespaced = CrdJson.Scope(crd) == "Namespaced",
            StorageVersion = CrdJson.StorageVersion(crd) ?? string.Empty,
            PrinterColumns = [],
        };
    }

    private async Task SetTerminatingAsync(string name, string reason, string message, CancellationToken ct)
    {
        await _crds.UpdateAsync(string.Empty, name, live =>
        {
            CrdConditions.Set(live, CrdConditions.Terminating, true, reason, message, _time.GetUtcNow());
            return live;
        }, expectedResourceVersion: null, dryRun: false, ct).ConfigureAwait(false);
    }

    private static bool HasCleanupFinalizer(JsonObject crd) =>
        Json.Finalizers(crd)?.Any(f => f is JsonValue v && v.TryGetValue<string>(out var s) && s == CrdJson.CleanupFinalizer) == true;

    private bool IsOwn(string name, ResourceInfo resource)
    {
        lock (_registered)
        {
            return _registered.TryGetValue(name, out var served)
                && served.Any(v => v.Resource.Group == resource.Group && v.Resource.Resource == resource.Resource);
        }
    }

    private void Register(string name, JsonObject crd)
    {
        var accepted = CrdNames.From(crd["status"]?["acceptedNames"]);
        var desired = CrdRegistration.ServedVersions(crd, accepted);
        IReadOnlyList<ServedVersion> previous;
        lock (_registered)
        {
            previous = _registered.TryGetValue(name, out var p) ? p : [];
            _registered[name] = desired;
        }

        foreach (var old in previous)
        {
            if (!desired.Any(d => SameEntry(d.Resource, old.Resource)))
            {
                _catalog.Remove(old.Resource.Group, old.Resource.Version, old.Resource.Resource);
                _versions.Remove(old.Resource);
            }
        }

        foreach (var version in desired)
        {
            _versions.Set(version);
            var existing = previous.FirstOrDefault(p => SameEntry(p.Resource, version.Resource));
            if (existing is null || Signature(existing.Resource) != Signature(version.Resource))
            {
                _catalog.AddOrReplace(version.Resource);

                // The stored objects' rules (status subresource) may have changed with the entry.
                _registries.Reset(version.Resource);
            }
        }
    }

    /// <summary>Stops serving a CRD's versions; true when something was served.</summary>
    private bool Unregister(string name)
    {
        IReadOnlyList<ServedVersion>? previous;
        lock (_registered)
        {
            if (!_registered.Remove(name, out previous))
            {
                return false;
            }
        }

        foreach (var old in previous)
        {
            _catalog.Remove(old.Resource.Group, old.Resource.Version, old.Resource.Resource);
            _versions.Remove(old.Resource);
            _registries.Reset(old.Resource);
        }

        return previous.Count > 0;
    }

    private static bool SameEntry(ResourceInfo a, ResourceInfo b) =>
        a.Group == b.Group && a.Version == b.Version && a.Resource == b.Resource;

    private static string Signature(ResourceInfo r) => string.Join('|',
        r.Kind, r.ListKind, r.SingularName, r.Namespaced, string.Join(',', r.Verbs), string.Join(',', r.ShortNames),
        string.Join(',', r.Categories), string.Join(',', r.Subresources.Select(s => s.Name)), r.StorageVersion,
        r.PrinterColumns?.ToJsonString() ?? string.Empty);
}
