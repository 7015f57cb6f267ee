using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Apps;

/// <summary>apps/v1 DaemonSets: upstream's SetDefaults_DaemonSet and ValidateDaemonSet(Update).</summary>
public sealed class DaemonSetAdmission : KindAdmission
{
    private static readonly string[] UpdateStrategies = ["OnDelete", "RollingUpdate"];

    public DaemonSetAdmission()
        : base("apps", "daemonsets")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        var strategy = Ensure(spec, "updateStrategy");
        FillString(strategy, "type", "RollingUpdate");
        if (Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = Ensure(strategy, "rollingUpdate");
            Fill(rolling, "maxUnavailable", 1);
            Fill(rolling, "maxSurge", 0);
        }

        Fill(spec, "revisionHistoryLimit", 10);
        if (Obj(Obj(spec, "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        WorkloadValidation.ValidateSelectorAndTemplate(spec, "daemonset", errors);
        WorkloadValidation.NonNegative(spec, "minReadySeconds", errors);
        PodSpecValidation.CheckEnum(Obj(spec, "updateStrategy") ?? [], "type", UpdateStrategies, "spec.updateStrategy", errors);
        WorkloadValidation.NonNegative(spec, "revisionHistoryLimit", errors);
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) =>
        WorkloadValidation.ImmutableSelector(Obj(obj, "spec"), Obj(old, "spec"), errors);
}
