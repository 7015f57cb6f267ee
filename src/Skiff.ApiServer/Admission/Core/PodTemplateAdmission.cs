using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>PodTemplates: a pod template's defaults and checks at <c>template</c>.</summary>
public sealed class PodTemplateAdmission : KindAdmission
{
    public PodTemplateAdmission()
        : base(string.Empty, "podtemplates")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        if (Obj(Obj(obj, "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors) =>
        PodTemplateValidation.Validate(Obj(obj, "template"), "template", errors);
}
