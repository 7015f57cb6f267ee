using System.Text.Json.Nodes;
using Skiff.Api.Selectors;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>ReplicationControllers: selector and labels default from the template, one replica by default.</summary>
public sealed class ReplicationControllerAdmission : KindAdmission
{
    private static readonly string[] AlwaysOnly = ["Always"];

    public ReplicationControllerAdmission()
        : base(string.Empty, "replicationcontrollers")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        if (Obj(Obj(Obj(spec, "template"), "metadata"), "labels") is { } labels)
        {
            if (Obj(spec, "selector") is not { Count: > 0 })
            {
                spec["selector"] = labels.DeepClone();
            }

            var meta = Ensure(obj, "metadata");
            if (Obj(meta, "labels") is not { Count: > 0 })
            {
                meta["labels"] = labels.DeepClone();
            }
        }

        Fill(spec, "replicas", 1);
        if (Obj(Obj(spec, "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        foreach (var field in (string[])["replicas", "minReadySeconds"])
        {
            if (Long(spec, field) is { } value && value < 0)
            {
                errors.Add(FieldError.Invalid($"spec.{field}", value, "must be greater than or equal to 0"));
            }
        }

        var selector = StringMap(Obj(spec, "selector"));
        if (selector.Count == 0)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else
        {
            errors.AddRange(ObjectMetaValidation.ValidateLabels(selector, "spec.selector"));
        }

        var template = Obj(spec, "template");
        PodTemplateValidation.ValidateForController(
            template, selector.Count == 0 ? null : LabelSelector.FromMatchLabels(selector), "spec.template", AlwaysOnly, errors);
        if (Obj(template, "spec")?["activeDeadlineSeconds"] is not null)
        {
            errors.Add(FieldError.Forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicationController is not Supported"));
        }
    }
}
