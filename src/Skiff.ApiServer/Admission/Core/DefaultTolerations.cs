using System.Text.Json.Nodes;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>
/// Upstream's DefaultTolerationSeconds admission plugin (on by default): every pod tolerates a not-ready or
/// unreachable node for five minutes before it is evicted, unless it says otherwise.
/// </summary>
internal static class DefaultTolerations
{
    public const long Seconds = 300;

    private static readonly string[] Keys = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

    public static void Apply(JsonObject spec)
    {
        var existing = Arr(spec, "tolerations");
        foreach (var key in Keys)
        {
            if (existing?.OfType<JsonObject>().Any(t => Covers(t, key)) == true)
            {
                continue;
            }

            existing ??= [];
            existing.Add(new JsonObject
            {
                ["key"] = key,
                ["operator"] = "Exists",
                ["effect"] = "NoExecute",
                ["tolerationSeconds"] = Seconds,
            });
        }

        if (existing is not null && spec["tolerations"] is null)
        {
            spec["tolerations"] = existing;
        }
    }

    // A toleration already there for that key (or for every key) leaves the pod's choice alone.
    private static bool Covers(JsonObject toleration, string key)
    {
        var effect = Str(toleration, "effect");
        if (effect.Length > 0 && effect != "NoExecute")
        {
            return false;
        }

        var tolerationKey = Str(toleration, "key");
        return tolerationKey == key || tolerationKey.Length == 0;
    }
}
