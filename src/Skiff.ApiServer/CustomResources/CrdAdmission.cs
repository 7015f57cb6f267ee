using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.CustomResources;

/// <summary>Defaulting and validation of CustomResourceDefinition objects.</summary>
public sealed class CrdAdmission : IAdmission
{
    public void Default(ResourceInfo resource, JsonObject obj, string subresource)
    {
        if (!IsCrd(resource) || obj["spec"] is not JsonObject spec)
        {
            return;
        }

        if (spec["names"] is JsonObject names)
        {
            var kind = CrdJson.Str(names, "kind");
            if (CrdJson.Str(names, "singular").Length == 0 && kind.Length > 0)
            {
                names["singular"] = kind.ToLowerInvariant();
            }

            if (CrdJson.Str(names, "listKind").Length == 0 && kind.Length > 0)
            {
                names["listKind"] = kind + "List";
            }
        }

        if (spec["conversion"] is null)
        {
            spec["conversion"] = new JsonObject { ["strategy"] = "None" };
        }
    }

    public IReadOnlyList<StatusCause> Validate(ResourceInfo resource, JsonObject obj, JsonObject? old) =>
        IsCrd(resource)
            ? CrdValidation.Validate(obj, old).Select(e => new StatusCause(e.Reason, e.Message, e.Field)).ToList()
            : [];

    private static bool IsCrd(ResourceInfo resource) =>
        resource.Group == "apiextensions.k8s.io" && resource.Resource == "customresourcedefinitions";
}
