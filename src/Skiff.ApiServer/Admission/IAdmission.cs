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
    void Default(ResourceInfo resource, JsonObject obj);

    IReadOnlyList<StatusCause> Validate(ResourceInfo resource, JsonObject obj, JsonObject? old);
}
