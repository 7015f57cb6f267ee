using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>A running pod's spec is fixed except for the few fields upstream lets an update touch.</summary>
internal static class PodUpdateValidation
{
    public const string Message =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`," +
        "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public static void Validate(JsonObject? spec, JsonObject? oldSpec, List<FieldError> errors)
    {
        if (spec is null || oldSpec is null)
        {
            return;
        }

        // Start from the old spec, take over what may change, and anything left different was a forbidden change.
        var allowed = (JsonObject)oldSpec.DeepClone();
        foreach (var list in (string[])["containers", "initContainers"])
        {
            var now = Arr(spec, list);
            var before = Arr(allowed, list);
            if (now is null || before is null || now.Count != before.Count)
            {
                continue;
            }

            for (var i = 0; i < now.Count; i++)
            {
                if (before[i] is JsonObject b && now[i] is JsonObject n)
                {
                    b["image"] = n["image"]?.DeepClone();
                    if (b["image"] is null)
                    {
                        b.Remove("image");
                    }
                }
            }
        }

        foreach (var key in (string[])["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "schedulingGates"])
        {
            CopyField(spec, allowed, key);
        }

        var oldDeadline = Long(oldSpec, "activeDeadlineSeconds");
        if (Long(spec, "activeDeadlineSeconds") is { } newDeadline)
        {
            if (oldDeadline is { } previous && newDeadline > previous)
            {
                errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", newDeadline, "must be less than or equal to previous value"));
            }
        }
        else if (oldDeadline is not null)
        {
            errors.Add(FieldError.Invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
        }

        if (!ToleratesOnlyAdditions(Arr(oldSpec, "tolerations"), Arr(spec, "tolerations")))
        {
            errors.Add(FieldError.Forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
        }

        if (!JsonNode.DeepEquals(allowed, spec))
        {
            errors.Add(FieldError.Forbidden("spec", Message));
        }
    }

    private static void CopyField(JsonObject from, JsonObject to, string key)
    {
        if (from[key] is { } value)
        {
            to[key] = value.DeepClone();
        }
        else
        {
            to.Remove(key);
        }
    }

    private static bool ToleratesOnlyAdditions(JsonArray? before, JsonArray? after)
    {
        foreach (var old in before?.OfType<JsonObject>() ?? [])
        {
            var key = Identity(old);
            if (!(after?.OfType<JsonObject>() ?? []).Any(n => Identity(n) == key))
            {
                return false;
            }
        }

        return true;
    }

    private static string Identity(JsonObject toleration) =>
        $"{Str(toleration, "key")}\0{Str(toleration, "operator")}\0{Str(toleration, "value")}\0{Str(toleration, "effect")}";
}
