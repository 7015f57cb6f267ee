using System.Text.Json.Nodes;
using Skiff.Api.Selectors;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Apps;

/// <summary>What the apps controllers (Deployment, ReplicaSet, StatefulSet, DaemonSet) validate alike.</summary>
internal static class WorkloadValidation
{
    private static readonly string[] AlwaysOnly = ["Always"];

    /// <summary>
    /// spec.selector required, non-empty and well-formed, and spec.template labelled to match it.
    /// <paramref name="kindWord"/> completes upstream's "empty selector is invalid for ..." message.
    /// </summary>
    public static void ValidateSelectorAndTemplate(JsonObject spec, string kindWord, List<FieldError> errors)
    {
        var selectorNode = spec["selector"];
        LabelSelector? selector = null;
        if (selectorNode is null)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else
        {
            var selectorErrors = LabelSelectorValidation.Validate(selectorNode, "spec.selector");
            errors.AddRange(selectorErrors);
            if (IsEmpty(selectorNode))
            {
                errors.Add(FieldError.Invalid("spec.selector", GoValue.LabelSelector(selectorNode), $"empty selector is invalid for {kindWord}"));
            }
            else if (selectorErrors.Count == 0)
            {
                try
                {
                    selector = LabelSelector.FromJson(selectorNode);
                }
                catch (SelectorParseException)
                {
                    errors.Add(FieldError.Invalid("spec.selector", GoValue.LabelSelector(selectorNode), "invalid label selector"));
                }
            }
        }

        PodTemplateValidation.ValidateForController(Obj(spec, "template"), selector, "spec.template", AlwaysOnly, errors);
        if (Obj(Obj(spec, "template"), "spec")?["activeDeadlineSeconds"] is not null)
        {
            var owner = kindWord switch
            {
                "statefulset" => "StatefulSet",
                "daemonset" => "DaemonSet",
                _ => "ReplicaSet",
            };
            errors.Add(FieldError.Forbidden("spec.template.spec.activeDeadlineSeconds", $"activeDeadlineSeconds in {owner} is not Supported"));
        }
    }

    public static void NonNegative(JsonObject spec, string key, List<FieldError> errors)
    {
        if (Long(spec, key) is { } value && value < 0)
        {
            errors.Add(FieldError.Invalid($"spec.{key}", value, "must be greater than or equal to 0"));
        }
    }

    public static void ImmutableSelector(JsonObject? spec, JsonObject? oldSpec, List<FieldError> errors)
    {
        if (!JsonNode.DeepEquals(spec?["selector"], oldSpec?["selector"]))
        {
            errors.Add(FieldError.Invalid("spec.selector", GoValue.LabelSelector(spec?["selector"]), "field is immutable"));
        }
    }

    private static bool IsEmpty(JsonNode selector) =>
        (Obj(selector, "matchLabels")?.Count ?? 0) + (Arr(selector, "matchExpressions")?.Count ?? 0) == 0;
}
