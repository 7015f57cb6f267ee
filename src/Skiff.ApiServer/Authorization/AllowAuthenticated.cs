using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Routing;

namespace Skiff.ApiServer.Authorization;

/// <summary>Any authenticated user may do anything; anonymous users reach only health and version.</summary>
public sealed class AllowAuthenticated : IAuthorizer
{
    private static readonly HashSet<string> PublicPaths =
        ["/healthz", "/livez", "/readyz", "/version", "/version/"];

    public bool IsAllowed(UserInfo user, RequestInfo request) =>
        !user.IsAnonymous || (!request.IsResourceRequest && request.Verb == "get" && IsPublic(request.Path));

    private static bool IsPublic(string path) =>
        PublicPaths.Contains(path) || path.StartsWith("/healthz/", StringComparison.Ordinal)
        || path.StartsWith("/livez/", StringComparison.Ordinal) || path.StartsWith("/readyz/", StringComparison.Ordinal);
}
