using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Apps;

/// <summary>apps/v1 StatefulSets: upstream's SetDefaults_StatefulSet and ValidateStatefulSet(Update).</summary>
public sealed class StatefulSetAdmission : KindAdmission
{
    private const string UpdateForbidden =
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', " +
        "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

    private static readonly string[] ManagementPolicies = ["OrderedReady", "Parallel"];
    private static readonly string[] UpdateStrategies = ["RollingUpdate", "OnDelete"];
    private static readonly string[] RetentionPolicies = ["Retain", "Delete"];
    private static readonly string[] MutableFields =
        ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    public StatefulSetAdmission()
        : base("apps", "statefulsets")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        FillString(spec, "podManagementPolicy", "OrderedReady");
        var strategy = Ensure(spec, "updateStrategy");
        FillString(strategy, "type", "RollingUpdate");
        if (Str(strategy, "type") == "RollingUpdate")
        {
            Fill(Ensure(strategy, "rollingUpdate"), "partition", 0);
        }

        var retention = Ensure(spec, "persistentVolumeClaimRetentionPolicy");
        FillString(retention, "whenDeleted", "Retain");
        FillString(retention, "whenScaled", "Retain");
        Fill(spec, "replicas", 1);
        Fill(spec, "revisionHistoryLimit", 10);
        foreach (var claim in Items(spec, "volumeClaimTemplates"))
        {
            FillString(Ensure(claim, "spec"), "volumeMode", "Filesystem");
            FillString(Ensure(claim, "status"), "phase", "Pending");
        }

        if (Obj(Obj(spec, "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        PodSpecValidation.CheckEnum(spec, "podManagementPolicy", ManagementPolicies, "spec", errors);
        var strategy = Obj(spec, "updateStrategy") ?? [];
        PodSpecValidation.CheckEnum(strategy, "type", UpdateStrategies, "spec.updateStrategy", errors);
        if (Long(Obj(strategy, "rollingUpdate"), "partition") is { } partition && partition < 0)
        {
            errors.Add(FieldError.Invalid("spec.updateStrategy.rollingUpdate.partition", partition, "must be greater than or equal to 0"));
        }

        var retention = Obj(spec, "persistentVolumeClaimRetentionPolicy") ?? [];
        PodSpecValidation.CheckEnum(retention, "whenDeleted", RetentionPolicies, "spec.persistentVolumeClaimRetentionPolicy", errors);
        PodSpecValidation.CheckEnum(retention, "whenScaled", RetentionPolicies, "spec.persistentVolumeClaimRetentionPolicy", errors);
        WorkloadValidation.NonNegative(spec, "replicas", errors);
        WorkloadValidation.NonNegative(spec, "minReadySeconds", errors);
        WorkloadValidation.ValidateSelectorAndTemplate(spec, "statefulset", errors);
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var spec = (Obj(obj, "spec") ?? []).DeepClone().AsObject();
        var oldSpec = (Obj(old, "spec") ?? []).DeepClone().AsObject();
        foreach (var field in MutableFields)
        {
            spec.Remove(field);
            oldSpec.Remove(field);
        }

        if (!JsonNode.DeepEquals(spec, oldSpec))
        {
            errors.Add(FieldError.Forbidden("spec", UpdateForbidden));
        }
    }
}
