using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Admission;

/// <summary>
/// Defaulting and validation of objects on their way into the store. Defaulting writes into the JSON the
/// user sent; validation returns upstream-style causes that become a 422.
/// </summary>
public interface IAdmission
{
    /// <param name="subresource">The subresource written ("status"), empty for the object itself.</param>
    void Default(ResourceInfo resource, JsonObject obj, string subresource);

    IReadOnlyList<StatusCause> Validate(ResourceInfo resource, JsonObject obj, JsonObject? old);
}
