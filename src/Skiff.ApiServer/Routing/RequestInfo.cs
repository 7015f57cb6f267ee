namespace Skiff.ApiServer.Routing;

/// <summary>
/// What a request addresses, decoded from its path as kube-apiserver decodes it: a resource request
/// (<c>/api/v1/namespaces/ns/pods/name/status</c>) or a non-resource one (<c>/healthz</c>, <c>/apis</c>).
/// </summary>
public sealed record RequestInfo
{
    public required bool IsResourceRequest { get; init; }

    public required string Path { get; init; }

    /// <summary>get, list, watch, create, update, patch, delete, deletecollection; or the HTTP method, lower-case, for non-resource requests.</summary>
    public required string Verb { get; init; }

    /// <summary>"api" or "apis" for resource requests.</summary>
    public string ApiPrefix { get; init; } = string.Empty;

    public string Group { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;

    public string Resource { get; init; } = string.Empty;

    public string Subresource { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;
}
