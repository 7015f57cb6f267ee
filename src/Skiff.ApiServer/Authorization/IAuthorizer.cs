using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Routing;

namespace Skiff.ApiServer.Authorization;

/// <summary>The authorization seam: RBAC will sit here; today every authenticated user is allowed.</summary>
public interface IAuthorizer
{
    bool IsAllowed(UserInfo user, RequestInfo request);
}
