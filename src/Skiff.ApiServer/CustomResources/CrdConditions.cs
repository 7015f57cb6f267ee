using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources;

/// <summary>status.conditions of a CRD, with upstream's types and transition-time rule.</summary>
internal static class CrdConditions
{
    public const string NamesAccepted = "NamesAccepted";
    public const string Established = "Established";
    public const string Terminating = "Terminating";

    public static bool IsTrue(JsonObject crd, string type) => Find(crd, type) is { } c && CrdJson.Str(c, "status") == "True";

    public static JsonObject? Find(JsonObject crd, string type) =>
        crd["status"]?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().FirstOrDefault(c => CrdJson.Str(c, "type") == type)
            : null;

    /// <summary>Sets a condition; lastTransitionTime moves only when the status changes, as upstream's SetCRDCondition does.</summary>
    public static void Set(JsonObject crd, string type, bool status, string reason, string message, DateTimeOffset now)
    {
        var statusText = status ? "True" : "False";
        var existing = Find(crd, type);
        var transition = existing is not null && CrdJson.Str(existing, "status") == statusText
            ? existing["lastTransitionTime"]?.DeepClone()
            : Registry.Json.Timestamp(now);
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = statusText,
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        };

        var crdStatus = CrdJson.Status(crd);
        if (crdStatus["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            crdStatus["conditions"] = conditions;
        }

        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }
}
