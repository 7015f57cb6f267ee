using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Apps;

/// <summary>apps/v1 ReplicaSets: one replica by default; selector and template rules as Deployments.</summary>
public sealed class ReplicaSetAdmission : KindAdmission
{
    public ReplicaSetAdmission()
        : base("apps", "replicasets")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        Fill(spec, "replicas", 1);
        if (Obj(Obj(spec, "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        WorkloadValidation.NonNegative(spec, "replicas", errors);
        WorkloadValidation.NonNegative(spec, "minReadySeconds", errors);

        // Upstream's ReplicaSet validation shares the Deployment's wording here.
        WorkloadValidation.ValidateSelectorAndTemplate(spec, "deployment", errors);
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) =>
        WorkloadValidation.ImmutableSelector(Obj(obj, "spec"), Obj(old, "spec"), errors);
}
