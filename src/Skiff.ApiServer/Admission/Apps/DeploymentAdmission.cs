using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Apps;

/// <summary>apps/v1 Deployments: upstream's SetDefaults_Deployment and ValidateDeployment(Update).</summary>
public sealed class DeploymentAdmission : KindAdmission
{
    private static readonly string[] StrategyTypes = ["Recreate", "RollingUpdate"];

    public DeploymentAdmission()
        : base("apps", "deployments")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        Fill(spec, "replicas", 1);
        var strategy = Ensure(spec, "strategy");
        FillString(strategy, "type", "RollingUpdate");
        if (Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = Ensure(strategy, "rollingUpdate");
            Fill(rolling, "maxUnavailable", "25%");
            Fill(rolling, "maxSurge", "25%");
        }

        Fill(spec, "revisionHistoryLimit", 10);
        Fill(spec, "progressDeadlineSeconds", 600);
        if (Obj(Obj(spec, "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        WorkloadValidation.NonNegative(spec, "replicas", errors);
        WorkloadValidation.ValidateSelectorAndTemplate(spec, "deployment", errors);
        ValidateStrategy(Obj(spec, "strategy"), errors);
        WorkloadValidation.NonNegative(spec, "minReadySeconds", errors);
        WorkloadValidation.NonNegative(spec, "revisionHistoryLimit", errors);
        if (Long(spec, "progressDeadlineSeconds") is { } deadline)
        {
            WorkloadValidation.NonNegative(spec, "progressDeadlineSeconds", errors);
            if (deadline <= (Long(spec, "minReadySeconds") ?? 0))
            {
                errors.Add(FieldError.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
            }
        }
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) =>
        WorkloadValidation.ImmutableSelector(Obj(obj, "spec"), Obj(old, "spec"), errors);

    private static void ValidateStrategy(JsonObject? strategy, List<FieldError> errors)
    {
        var type = Str(strategy, "type");
        if (type.Length == 0)
        {
            errors.Add(FieldError.Required("spec.strategy.type"));
            return;
        }

        if (!StrategyTypes.Contains(type))
        {
            errors.Add(FieldError.NotSupported("spec.strategy.type", type, StrategyTypes));
            return;
        }

        var rolling = Obj(strategy, "rollingUpdate");
        if (type == "Recreate")
        {
            if (rolling is not null)
            {
                errors.Add(FieldError.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
            }

            return;
        }

        if (rolling is null)
        {
            errors.Add(FieldError.Required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
            return;
        }

        var unavailable = IntOrPercent.Check(rolling["maxUnavailable"], "spec.strategy.rollingUpdate.maxUnavailable", errors);
        var surge = IntOrPercent.Check(rolling["maxSurge"], "spec.strategy.rollingUpdate.maxSurge", errors);
        if (unavailable == 0 && surge == 0)
        {
            errors.Add(FieldError.Invalid("spec.strategy.rollingUpdate.maxUnavailable", rolling["maxUnavailable"]!.DeepClone(), "may not be 0 when `maxSurge` is 0"));
        }

        if (rolling["maxUnavailable"] is JsonValue v && v.TryGetValue<string>(out var s) && unavailable > 100)
        {
            errors.Add(FieldError.Invalid("spec.strategy.rollingUpdate.maxUnavailable", s, "must not be greater than 100%"));
        }
    }
}
