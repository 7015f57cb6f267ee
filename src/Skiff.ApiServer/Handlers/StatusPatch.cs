using System.Text.Json.Nodes;
using Skiff.ApiServer.Handlers.Patch;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// A merge or strategic merge patch of the status subresource that names only metadata and status (what a kubelet
/// sends) is applied to those two alone. The status strategy takes nothing else from the patched object, and such a
/// patch cannot change anything else, so patching a copy of the whole object (its spec is most of a pod) was waste.
/// </summary>
internal static class StatusPatch
{
    private static readonly string[] s_members = ["metadata", "status"];

    public static bool Applies(string? contentType, byte[] body) =>
        PatchDispatcher.MediaType(contentType) is PatchDispatcher.StrategicMergePatchType or PatchDispatcher.MergePatchType
        && PatchBody.HasOnlyMembers(body, s_members);

    /// <summary>
    /// A new object holding copies of the live object's metadata and status. managedFields stay out: a patch either
    /// replaces them (they are atomic to both merge patches) or leaves them to be taken from the live object, which is
    /// what their absence means to the field manager.
    /// </summary>
    public static JsonObject Target(JsonObject live)
    {
        var target = new JsonObject();
        if (live["metadata"] is JsonObject meta)
        {
            var copy = new JsonObject();
            foreach (var (name, value) in meta)
            {
                if (name != "managedFields")
                {
                    copy[name] = value?.DeepClone();
                }
            }

            target["metadata"] = copy;
        }

        if (live.TryGetPropertyValue("status", out var status))
        {
            target["status"] = status?.DeepClone();
        }

        return target;
    }
}
