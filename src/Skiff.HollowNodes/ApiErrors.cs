using System.Net;
using k8s.Autorest;
using Skiff.Client.Http;

namespace Skiff.HollowNodes;

/// <summary>The HTTP status of a failed API call, for the few codes a kubelet acts on.</summary>
internal static class ApiErrors
{
    public static bool Is(Exception e, HttpStatusCode code) =>
        e switch
        {
            HttpOperationException { Response.StatusCode: var status } => status == code,
            ApiError refused => refused.Code == (int)code,
            _ => false,
        };

    public static bool NotFound(Exception e) => Is(e, HttpStatusCode.NotFound);

    public static bool Conflict(Exception e) => Is(e, HttpStatusCode.Conflict);
}
