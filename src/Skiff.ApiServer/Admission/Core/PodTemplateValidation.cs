using System.Text.Json.Nodes;
using Skiff.Api.Selectors;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>Upstream's checks of a pod template, alone and inside a controller that selects its pods.</summary>
internal static class PodTemplateValidation
{
    public static void Validate(JsonObject? template, string path, List<FieldError> errors)
    {
        var meta = Obj(template, "metadata");
        errors.AddRange(ObjectMetaValidation.ValidateLabels(StringMap(Obj(meta, "labels")), $"{path}.metadata.labels"));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(StringMap(Obj(meta, "annotations")), $"{path}.metadata.annotations"));
        PodSpecValidation.Validate(Obj(template, "spec"), $"{path}.spec", errors);
    }

    /// <summary>
    /// A controller's template: present, labelled so the controller's selector finds its pods, and with a
    /// restart policy the controller supports.
    /// </summary>
    public static void ValidateForController(
        JsonObject? template, LabelSelector? selector, string path, IReadOnlyList<string> restartPolicies, List<FieldError> errors)
    {
        if (template is null)
        {
            errors.Add(FieldError.Required(path));
            return;
        }

        var labels = Obj(Obj(template, "metadata"), "labels");
        if (selector is { IsEverything: false, IsNothing: false } && !selector.Matches(StringMap(labels)))
        {
            errors.Add(FieldError.Invalid($"{path}.metadata.labels", GoValue.StringMap(labels), "`selector` does not match template `labels`"));
        }

        Validate(template, path, errors);
        var restartPolicy = Str(Obj(template, "spec"), "restartPolicy");
        if (restartPolicy.Length > 0 && !restartPolicies.Contains(restartPolicy))
        {
            errors.Add(FieldError.NotSupported($"{path}.spec.restartPolicy", restartPolicy, restartPolicies));
        }
    }
}
