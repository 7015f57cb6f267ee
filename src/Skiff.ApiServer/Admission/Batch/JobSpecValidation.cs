using System.Text.Json.Nodes;
using Skiff.Api.Selectors;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission.Apps;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Batch;

/// <summary>Upstream's validation of a Job spec, in a Job or in a CronJob's jobTemplate.</summary>
internal static class JobSpecValidation
{
    private static readonly string[] RestartPolicies = ["OnFailure", "Never"];
    private static readonly string[] CompletionModes = ["NonIndexed", "Indexed"];
    private static readonly string[] ReplacementPolicies = ["TerminatingOrFailed", "Failed"];

    public static void Validate(JsonObject spec, string path, bool inCronJob, List<FieldError> errors)
    {
        foreach (var field in (string[])["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"])
        {
            if (Long(spec, field) is { } value && value < 0)
            {
                errors.Add(FieldError.Invalid($"{path}.{field}", value, "must be greater than or equal to 0"));
            }
        }

        var mode = Str(spec, "completionMode");
        if (mode.Length > 0 && !CompletionModes.Contains(mode))
        {
            errors.Add(FieldError.NotSupported($"{path}.completionMode", mode, CompletionModes));
        }
        else if (mode == "Indexed" && spec["completions"] is null)
        {
            errors.Add(FieldError.Required($"{path}.completions", "when completion mode is Indexed"));
        }

        var replacement = Str(spec, "podReplacementPolicy");
        if (replacement.Length > 0 && !ReplacementPolicies.Contains(replacement))
        {
            errors.Add(FieldError.NotSupported($"{path}.podReplacementPolicy", replacement, ReplacementPolicies));
        }

        var selector = ValidateSelector(spec, path, inCronJob, errors);
        PodTemplateValidation.ValidateForController(Obj(spec, "template"), selector, $"{path}.template", RestartPolicies, errors);
    }

    private static LabelSelector? ValidateSelector(JsonObject spec, string path, bool inCronJob, List<FieldError> errors)
    {
        var manual = Bool(spec, "manualSelector") == true;
        var node = spec["selector"];
        if (inCronJob)
        {
            // A CronJob's Jobs always get generated selectors.
            if (node is not null)
            {
                errors.Add(FieldError.Invalid($"{path}.selector", GoValue.LabelSelector(node), "`selector` will be auto-generated"));
            }

            if (manual)
            {
                errors.Add(FieldError.NotSupported($"{path}.manualSelector", true, ["nil", "false"]));
            }

            return null;
        }

        if (node is null)
        {
            // Without manualSelector the selector is generated from the uid after validation, so it always matches.
            if (manual)
            {
                errors.Add(FieldError.Required($"{path}.selector"));
            }

            return null;
        }

        var selectorErrors = LabelSelectorValidation.Validate(node, $"{path}.selector");
        errors.AddRange(selectorErrors);
        if (selectorErrors.Count > 0)
        {
            return null;
        }

        try
        {
            return LabelSelector.FromJson(node);
        }
        catch (SelectorParseException)
        {
            errors.Add(FieldError.Invalid($"{path}.selector", GoValue.LabelSelector(node), "invalid label selector"));
            return null;
        }
    }
}
