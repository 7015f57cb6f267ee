using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.CustomResources;

/// <summary>Turns an established CRD into the catalog entries of its served versions.</summary>
internal static class CrdRegistration
{
    /// <summary>
    /// Upstream refuses new objects while a CRD is being deleted (its cleanup would race them), but
    /// still serves reads and deletes.
    /// </summary>
    private static readonly IReadOnlyList<string> TerminatingVerbs =
        [.. ResourceInfo.AllVerbs.Where(v => v != "create")];

    public static IReadOnlyList<ServedVersion> ServedVersions(JsonObject crd, CrdNames accepted)
    {
        var group = CrdJson.Group(crd);
        var namespaced = CrdJson.Scope(crd) == "Namespaced";
        var storage = CrdJson.StorageVersion(crd) ?? string.Empty;
        var terminating = Registry.Json.HasDeletionTimestamp(crd);
        var result = new List<ServedVersion>();
        foreach (var version in CrdJson.Versions(crd))
        {
            if (!CrdJson.Bool(version, "served"))
            {
                continue;
            }

            var subresources = new List<SubresourceInfo>();
            var scale = ScaleOf(version["subresources"]?["scale"] as JsonObject);
            if (version["subresources"]?["status"] is not null)
            {
                subresources.Add(SubresourceInfo.Status(accepted.Kind));
            }

            if (scale is not null)
            {
                subresources.Add(SubresourceInfo.Scale());
            }

            var info = new ResourceInfo
            {
                Group = group,
                Version = CrdJson.Str(version, "name"),
                Resource = accepted.Plural,
                Kind = accepted.Kind,
                ListKind = accepted.ListKind.Length > 0 ? accepted.ListKind : accepted.Kind + "List",
                SingularName = accepted.Singular.Length > 0 ? accepted.Singular : accepted.Kind.ToLowerInvariant(),
                Namespaced = namespaced,
                Verbs = terminating ? TerminatingVerbs : ResourceInfo.AllVerbs,
                ShortNames = accepted.ShortNames,
                Categories = accepted.Categories,
                Subresources = subresources,
                StorageVersion = storage,

                // An empty column list still selects the custom resource printer (NAME, AGE).
                PrinterColumns = version["additionalPrinterColumns"] is JsonArray columns ? (JsonArray)columns.DeepClone() : [],
            };
            var schema = version["schema"]?["openAPIV3Schema"] is JsonObject s ? StructuralSchema.Parse(s) : null;
            result.Add(new ServedVersion(info, schema, scale));
        }

        return result;
    }

    private static ScalePaths? ScaleOf(JsonObject? scale)
    {
        if (scale is null)
        {
            return null;
        }

        var selector = CrdJson.Str(scale, "labelSelectorPath");
        return new ScalePaths(CrdJson.Str(scale, "specReplicasPath"), CrdJson.Str(scale, "statusReplicasPath"), selector.Length > 0 ? selector : null);
    }
}
