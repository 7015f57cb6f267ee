using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.Admission.NamespaceLifecycle;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Handlers.Apply;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.Handlers;

/// <summary>CREATE, UPDATE (main resource and status) and the checks they share.</summary>
public sealed class WriteHandlers
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly AdmissionChain _admission;
    private readonly NamespaceLifecycleAdmission _namespaceLifecycle;
    private readonly FieldManager _fields;
    private readonly IReadOnlyList<IAsyncAdmission> _createAdmission;

    public WriteHandlers(
        Registries registries,
        AdmissionChain admission,
        ResourceCatalog catalog,
        TimeProvider? time = null,
        IReadOnlyList<IAsyncAdmission>? createAdmission = null,
        FreshReads? reads = null)
    {
        _admission = admission;
        _createAdmission = createAdmission ?? [];
        _fields = new FieldManager(time ?? TimeProvider.System);
        ApplyHandler = new ApplyPatchHandler(this, _fields);
        _namespaceLifecycle = new NamespaceLifecycleAdmission(registries, catalog, reads ?? new FreshReads(null));
    }

    public async Task CreateAsync(ApiRequest request, ObjectWriter writer)
    {
        var obj = await RequestBody.ReadObjectAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        FieldValidation.Check(request, obj);
        await CreateFromAsync(request, writer, obj, applied: false).ConfigureAwait(false);
    }

    /// <summary>The apply handler that decodes PATCH bodies with the apply content type.</summary>
    internal ApplyPatchHandler ApplyHandler { get; }

    /// <summary>
    /// Creates a decoded object; <paramref name="applied"/> objects already carry the managedFields of the apply
    /// that produced them, others get an Update entry for the request's field manager.
    /// </summary>
    internal async Task CreateFromAsync(ApiRequest request, ObjectWriter writer, JsonObject obj, bool applied)
    {
        var manager = applied ? string.Empty : FieldManagerName.Resolve(request);
        CheckTypeMeta(request.Resource, obj);
        var meta = Json.Metadata(obj);
        PlaceInNamespace(request, obj, meta);
        if (request.Resource.Namespaced)
        {
            await _namespaceLifecycle.AdmitCreateAsync(request.Resource, request.Namespace, Json.Name(obj), request.Aborted).ConfigureAwait(false);
        }

        var generateName = Json.Str(meta, "generateName");
        var generated = Json.Name(obj).Length == 0 && generateName.Length > 0;
        request.Store.Strategy.PrepareForCreate(obj);
        foreach (var plugin in _createAdmission)
        {
            await plugin.AdmitCreateAsync(request.Resource, obj, request.Aborted).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            if (generated)
            {
                meta["name"] = generateName + RandomSuffix();
            }

            _admission.Admit(request.Resource, obj, null);
            if (!applied)
            {
                _fields.RecordUpdate(null, obj, manager, request.Resource.GroupVersion, string.Empty, ApplyShape.ForResource(request.Resource.ModelType));
            }

            try
            {
                var created = await request.Store.CreateAsync(StoredForm.ToStorage(request, obj), request.DryRun, request.Aborted).ConfigureAwait(false);
                await writer.WriteStoredAsync(request, 201, created).ConfigureAwait(false);
                return;
            }
            catch (ApiException e) when (generated && e.Reason == "AlreadyExists" && attempt < 8)
            {
                // A generated name collided; upstream tries a few more suffixes before giving up.
            }
        }
    }

    public async Task UpdateAsync(ApiRequest request, ObjectWriter writer)
    {
        var obj = await RequestBody.ReadObjectAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        FieldValidation.Check(request, obj);
        CheckTypeMeta(request.Resource, obj);
        var meta = Json.Metadata(obj);
        var bodyName = Json.Name(obj);
        if (bodyName.Length > 0 && bodyName != request.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        meta["name"] = request.Name;
        PlaceInNamespace(request, obj, meta);
        var expected = Json.ResourceVersion(obj);
        var subresource = request.Info.Subresource;

        // With a resourceVersion the update runs once (a conflict is the caller's 409), so the decoded body can become
        // the result; without one, a conflict runs it again and each run needs the body as sent.
        var ownsBody = expected.Length > 0;
        var stored = await request.Store.UpdateFromLiveAsync(
            request.Namespace,
            request.Name,
            live => PrepareUpdate(request, subresource, obj, live, ownsDesired: ownsBody),
            expected,
            request.DryRun,
            request.Aborted).ConfigureAwait(false);
        await writer.WriteStoredAsync(request, 200, stored).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the strategy and admission to a desired object (at the request's version) against the live,
    /// stored one; returns the next object in its stored form.
    /// </summary>
    /// <remarks>
    /// Non-apply writes record an Update managedFields entry for the request's field manager; applied objects
    /// (<paramref name="applied"/>) already carry theirs. A caller that made <paramref name="desired"/> for this call
    /// alone hands it over (<paramref name="ownsDesired"/>): it becomes, or gives its parts to, the result.
    /// </remarks>
    public JsonObject PrepareUpdate(ApiRequest request, string subresource, JsonObject desired, JsonObject live, bool applied = false, bool ownsDesired = false)
    {
        var manager = applied ? string.Empty : FieldManagerName.Resolve(request);
        live = StoredForm.ToRequest(request, live);
        CheckUidUnchanged(request, desired, live);
        var strategy = request.Store.Strategy;
        var next = ownsDesired ? desired : (JsonObject)desired.DeepClone();
        switch (subresource)
        {
            case "status":
                next = strategy.PrepareForStatusUpdate(next, live);
                break;
            case "finalize" when request.Resource.Resource == "namespaces":
                var finalized = (JsonObject)live.DeepClone();
                finalized["spec"] = next["spec"]?.DeepClone() ?? new JsonObject();
                next = finalized;
                break;
            default:
                strategy.PrepareForUpdate(next, live);
                break;
        }

        _admission.Admit(request.Resource, next, live, subresource);
        // The status strategy starts from the live object; ownership is recorded against what the request sent.
        var nextMeta = Json.Metadata(next);
        var place = -1;
        if (desired["metadata"]?["managedFields"] is { } sent)
        {
            if (!ReferenceEquals(next, desired))
            {
                nextMeta["managedFields"] = ownsDesired ? Detach(sent) : sent.DeepClone();
            }
        }
        else
        {
            place = nextMeta.IndexOf("managedFields");
            nextMeta.Remove("managedFields");
        }

        if (!applied)
        {
            _fields.RecordUpdate(live, next, manager, request.Resource.GroupVersion, subresource, ApplyShape.ForResource(request.Resource.ModelType));
        }

        if (place >= 0)
        {
            KeepPlace(nextMeta, "managedFields", place);
        }

        return StoredForm.ToStorage(request, next);
    }

    /// <summary>
    /// Moves a member the field manager wrote back to where the live object had it (a status write that sent no
    /// managedFields gets the live ones back, and those stay where they were).
    /// </summary>
    private static void KeepPlace(JsonObject obj, string name, int place)
    {
        var now = obj.IndexOf(name);
        if (now > place)
        {
            var value = obj[name];
            obj.RemoveAt(now);
            obj.Insert(place, name, value);
        }
    }

    /// <summary>
    /// A uid in the request must be the object's: upstream's common update validation refuses any other as immutable,
    /// which is how a kubelet's status patch (it carries the pod's uid) fails on a pod recreated under the same name.
    /// </summary>
    private static void CheckUidUnchanged(ApiRequest request, JsonObject desired, JsonObject live)
    {
        var uid = Json.Uid(desired);
        if (uid.Length > 0 && uid != Json.Uid(live))
        {
            throw ApiErrors.Invalid(request.Resource.Group, request.Resource.Kind, request.Name,
                Causes.From([FieldError.Invalid("metadata.uid", uid, ObjectMetaUpdateValidation.FieldImmutable)]));
        }
    }

    private static JsonNode Detach(JsonNode node)
    {
        node.Parent!.AsObject().Remove(node.GetPropertyName());
        return node;
    }

    /// <summary>Records an Update managedFields entry for a write that bypasses <see cref="PrepareUpdate"/> (scale).</summary>
    public void RecordUpdate(ApiRequest request, string subresource, JsonObject live, JsonObject next) =>
        _fields.RecordUpdate(live, next, FieldManagerName.Resolve(request), request.Resource.GroupVersion, subresource, ApplyShape.ForResource(request.Resource.ModelType));

    private static void CheckTypeMeta(ResourceInfo resource, JsonObject obj)
    {
        var apiVersion = Json.Str(obj, "apiVersion");
        var kind = Json.Str(obj, "kind");
        if (apiVersion.Length > 0 && apiVersion != resource.GroupVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.GroupVersion})");
        }

        if (kind.Length > 0 && kind != resource.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({resource.Kind})");
        }

        // Stored objects always say what they are, with these two first as upstream writes them.
        if (obj.Count >= 2 && obj.GetAt(0).Key == "apiVersion" && obj.GetAt(1).Key == "kind")
        {
            // Typed clients already write them first.
            obj["apiVersion"] = resource.GroupVersion;
            obj["kind"] = resource.Kind;
            return;
        }

        var rest = obj.ToList();
        obj.Clear();
        obj["apiVersion"] = resource.GroupVersion;
        obj["kind"] = resource.Kind;
        foreach (var (k, v) in rest)
        {
            if (k is not ("apiVersion" or "kind"))
            {
                obj[k] = v;
            }
        }
    }

    private static void PlaceInNamespace(ApiRequest request, JsonObject obj, JsonObject meta)
    {
        var bodyNamespace = Json.Namespace(obj);
        if (!request.Resource.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        if (bodyNamespace.Length > 0 && bodyNamespace != request.Namespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = request.Namespace;
    }

    private static string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        }

        return new string(chars);
    }
}
