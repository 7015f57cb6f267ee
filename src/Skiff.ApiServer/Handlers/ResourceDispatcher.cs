using Skiff.Api.Catalog;
using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Routing;
using Microsoft.AspNetCore.Http;

namespace Skiff.ApiServer.Handlers;

/// <summary>Finds the resource a request addresses and hands it to the handler for its verb.</summary>
public sealed class ResourceDispatcher
{
    private static readonly HashSet<string> KubeletProxies = ["log", "exec", "attach", "portforward", "proxy"];

    private readonly ResourceCatalog _catalog;
    private readonly Registries _registries;
    private readonly ListHandler _list;
    private readonly WatchHandler _watch;
    private readonly WriteHandlers _writes;
    private readonly IPatchHandler _patch;
    private readonly ObjectWriter _writer;
    private readonly Reviews.ReviewHandler _reviews;
    private readonly ScaleHandler _scale;
    private readonly PodSubresources _pods;
    private readonly Kubelet.KubeletProxy? _kubelet;
    private readonly CustomResources.CustomResourceScaleHandler? _customScale;
    private readonly ServiceAccountTokenHandler? _tokens;

    public ResourceDispatcher(
        ResourceCatalog catalog, Registries registries, ListHandler list, WatchHandler watch, WriteHandlers writes, IPatchHandler patch, ObjectWriter writer,
        Reviews.ReviewHandler reviews, ScaleHandler scale, PodSubresources pods, CustomResources.CustomResourceScaleHandler? customScale = null,
        Kubelet.KubeletProxy? kubelet = null, ServiceAccountTokenHandler? tokens = null)
    {
        _tokens = tokens;
        _kubelet = kubelet;
        _scale = scale;
        _pods = pods;
        _reviews = reviews;
        _customScale = customScale;
        _catalog = catalog;
        _registries = registries;
        _list = list;
        _watch = watch;
        _writes = writes;
        _patch = patch;
        _writer = writer;
    }

    public Task HandleAsync(HttpContext http, RequestInfo info, UserInfo user)
    {
        var resource = _catalog.Find(info.Group, info.Version, info.Resource) ?? throw ApiErrors.ResourceNotFound();
        if (!resource.Namespaced && info.Namespace.Length > 0 && info.Resource != "namespaces")
        {
            throw ApiErrors.ResourceNotFound();
        }

        var request = new ApiRequest
        {
            Http = http,
            Info = info,
            User = user,
            Resource = resource,
            Store = _registries.For(resource),
        };

        if (info.Subresource.Length > 0)
        {
            return HandleSubresourceAsync(request);
        }

        if (Reviews.ReviewHandler.IsReview(request))
        {
            return _reviews.HandleAsync(request, _writer);
        }

        if (!resource.Supports(info.Verb))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        if (resource.Namespaced && info.Namespace.Length == 0 && info.Verb is "create" or "get" or "update" or "patch" or "delete")
        {
            throw ApiErrors.ResourceNotFound();
        }

        return info.Verb switch
        {
            "get" => GetHandler.HandleAsync(request, _writer),
            "list" => _list.HandleAsync(request, _writer),
            "watch" => _watch.HandleAsync(request, _writer),
            "create" => _writes.CreateAsync(request, _writer),
            "update" => _writes.UpdateAsync(request, _writer),
            "patch" => _patch.HandleAsync(request, _writer),
            "delete" => DeleteHandlers.DeleteAsync(request, _writer),
            "deletecollection" => DeleteHandlers.DeleteCollectionAsync(request, _writer),
            _ => throw ApiErrors.MethodNotAllowed(),
        };
    }

    private Task HandleSubresourceAsync(ApiRequest request)
    {
        var info = request.Info;
        var sub = request.Resource.FindSubresource(info.Subresource) ?? throw ApiErrors.ResourceNotFound();
        if (!sub.Verbs.Contains(info.Verb))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        if (KubeletProxies.Contains(sub.Name) && _kubelet is not null)
        {
            return _kubelet.HandleAsync(request, sub.Name);
        }

        if (KubeletProxies.Contains(sub.Name))
        {
            throw ApiErrors.ServiceUnavailable($"no kubelet serves {request.Resource.Resource}/{sub.Name} for {request.Namespace}/{request.Name} yet");
        }

        return (sub.Name, info.Verb) switch
        {
            ("status", "get") => GetHandler.HandleAsync(request, _writer),
            ("status" or "finalize", "update") => _writes.UpdateAsync(request, _writer),
            ("status", "patch") => _patch.HandleAsync(request, _writer),
            ("scale", _) when request.Resource.ModelType is null && _customScale is not null => _customScale.HandleAsync(request, _writer),
            ("scale", _) => _scale.HandleAsync(request, _writer),
            ("binding", "create") => _pods.BindAsync(request),
            ("eviction", "create") => _pods.EvictAsync(request),
            ("token", "create") when request.Resource.Resource == "serviceaccounts" && _tokens is not null => _tokens.CreateAsync(request, _writer),
            _ => throw ApiErrors.MethodNotAllowed(),
        };
    }
}
