using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Batch;

/// <summary>
/// batch/v1 Jobs: upstream's SetDefaults_Job and ValidateJob(Update). The selector a Job gets when it does not
/// choose one itself is generated from its uid at create time (see <c>Registry.JobStrategy</c>).
/// </summary>
public sealed class JobAdmission : KindAdmission
{
    public JobAdmission()
        : base("batch", "jobs")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        JobSpecDefaults.Apply(obj, spec);
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        JobSpecValidation.Validate(spec, "spec", inCronJob: false, errors);
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        var oldSpec = Obj(old, "spec") ?? [];
        Apps.WorkloadValidation.ImmutableSelector(spec, oldSpec, errors);
        foreach (var field in (string[])["completionMode", "podFailurePolicy", "backoffLimitPerIndex"])
        {
            if (!JsonNode.DeepEquals(spec[field], oldSpec[field]))
            {
                errors.Add(FieldError.Invalid($"spec.{field}", spec[field]?.DeepClone(), "field is immutable"));
            }
        }

        // Upstream lets a suspended Job change its template's scheduling directives; anything else is fixed.
        if (!JsonNode.DeepEquals(spec["template"], oldSpec["template"]) && !OnlySchedulingChanged(spec, oldSpec))
        {
            errors.Add(FieldError.Invalid("spec.template", spec["template"]?.DeepClone(), "field is immutable"));
        }
    }

    private static bool OnlySchedulingChanged(JsonObject spec, JsonObject oldSpec)
    {
        if (Bool(oldSpec, "suspend") != true)
        {
            return false;
        }

        var now = spec["template"]?.DeepClone() as JsonObject ?? [];
        var before = oldSpec["template"]?.DeepClone() as JsonObject ?? [];
        foreach (var template in (JsonObject[])[now, before])
        {
            template.Remove("metadata");
            if (Obj(template, "spec") is { } podSpec)
            {
                foreach (var field in (string[])["nodeSelector", "tolerations", "affinity", "schedulingGates"])
                {
                    podSpec.Remove(field);
                }
            }
        }

        return JsonNode.DeepEquals(now, before);
    }
}
