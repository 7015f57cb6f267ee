using System.Text.Json.Nodes;
using Skiff.Api.Catalog;

namespace Skiff.ApiServer.Admission;

/// <summary>
/// A mutating admission step that needs to read other objects (upstream's store-reading plugins such as
/// Priority). It runs on create, before defaulting and validation, and may reject with an ApiException.
/// </summary>
public interface IAsyncAdmission
{
    Task AdmitCreateAsync(ResourceInfo resource, JsonObject obj, CancellationToken ct);
}
