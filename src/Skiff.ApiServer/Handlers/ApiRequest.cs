using Microsoft.AspNetCore.Http;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Routing;

namespace Skiff.ApiServer.Handlers;

/// <summary>Everything a resource handler needs to know about one request.</summary>
public sealed class ApiRequest
{
    public required HttpContext Http { get; init; }

    public required RequestInfo Info { get; init; }

    public required UserInfo User { get; init; }

    public required ResourceInfo Resource { get; init; }

    public required ResourceStore Store { get; init; }

    public CancellationToken Aborted => Http.RequestAborted;

    public IQueryCollection Query => Http.Request.Query;

    public bool DryRun => Query["dryRun"].Any(v => v == "All");

    /// <summary>Empty for cluster-scoped resources, even namespaces/{name}, whose path repeats the name.</summary>
    public string Namespace => Resource.Namespaced ? Info.Namespace : string.Empty;

    public string Name => Info.Name;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;
}
