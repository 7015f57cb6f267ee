using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.Registry;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>
/// Pods: spec defaults plus the pod-only ones and the DefaultTolerationSeconds plugin's tolerations, spec
/// validation, and upstream's narrow rules for updates.
/// </summary>
public sealed class PodAdmission : KindAdmission
{
    public PodAdmission()
        : base(string.Empty, "pods")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        if (obj["spec"] is JsonObject spec)
        {
            PodSpecDefaults.Apply(spec);
            PodSpecDefaults.ApplyPodOnly(spec);
            DefaultTolerations.Apply(spec);
        }
    }

    protected override bool DefaultsOnlySpec => true;

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors) =>
        PodSpecValidation.Validate(Obj(obj, "spec"), "spec", errors);

    // Pod validation looks only at the spec. One equal to the stored spec was valid when it was stored, defaulting it
    // again changes nothing, and it breaks no update rule; the common pod update (status, labels, a binding) skips
    // all of that, as upstream's status updates do not validate the spec either.
    protected override bool UpdateNeedsValidation(JsonObject obj, JsonObject old) => !SameJson.Equal(obj["spec"], old["spec"]);

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) =>
        PodUpdateValidation.Validate(Obj(obj, "spec"), Obj(old, "spec"), errors);
}
