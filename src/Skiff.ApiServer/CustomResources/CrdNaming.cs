using System.Text.Json.Nodes;
using Skiff.Api.Catalog;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// Decides which of a CRD's requested names it may use, as upstream's naming controller does: a name
/// already used by another resource of the same group is refused and the previously accepted one kept.
/// </summary>
internal static class CrdNaming
{
    public sealed record Result(CrdNames Accepted, bool AllAccepted, string Reason, string Message);

    /// <param name="isOwn">True for catalog entries that this CRD itself registered.</param>
    public static Result Decide(JsonObject crd, IEnumerable<ResourceInfo> catalog, Func<ResourceInfo, bool> isOwn)
    {
        var group = CrdJson.Group(crd);
        var requested = CrdNames.From(crd["spec"]?["names"]);
        var previous = CrdNames.From(crd["status"]?["acceptedNames"]);
        var resourceNames = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in catalog)
        {
            if (r.Group != group || isOwn(r))
            {
                continue;
            }

            resourceNames.Add(r.Resource);
            resourceNames.Add(r.SingularName);
            resourceNames.UnionWith(r.ShortNames);
            kinds.Add(r.Kind);
            kinds.Add(r.ListKind);
        }

        var reason = "NoConflicts";
        var message = "no conflicts found";
        var plural = requested.Plural;
        var singular = requested.Singular;
        var shortNames = requested.ShortNames;
        var kind = requested.Kind;
        var listKind = requested.ListKind;

        if (resourceNames.Contains(plural))
        {
            (plural, reason, message) = (previous.Plural, "PluralConflict", InUse(requested.Plural));
        }

        if (resourceNames.Contains(singular))
        {
            (singular, reason, message) = (previous.Singular, "SingularConflict", InUse(requested.Singular));
        }

        if (shortNames.FirstOrDefault(resourceNames.Contains) is { } taken)
        {
            (shortNames, reason, message) = (previous.ShortNames, "ShortNamesConflict", InUse(taken));
        }

        if (kinds.Contains(kind))
        {
            (kind, reason, message) = (previous.Kind, "KindConflict", InUse(requested.Kind));
        }

        if (kinds.Contains(listKind))
        {
            (listKind, reason, message) = (previous.ListKind, "ListKindConflict", InUse(requested.ListKind));
        }

        var accepted = new CrdNames(plural, singular, kind, listKind, shortNames, requested.Categories);
        return new Result(accepted, reason == "NoConflicts", reason, message);
    }

    private static string InUse(string name) => $"\"{name}\" is already in use";
}
