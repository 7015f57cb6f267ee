using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission.Core;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Batch;

/// <summary>
/// batch/v1 CronJobs: upstream's SetDefaults_CronJob (the jobTemplate's pod spec is defaulted, its Job spec is
/// not, as upstream's generated defaulters do) and ValidateCronJob.
/// </summary>
public sealed class CronJobAdmission : KindAdmission
{
    /// <summary>Job names add 11 characters of scheduled time to the CronJob's name, and must stay DNS labels.</summary>
    private const int MaxNameLength = 52;

    private static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];

    public CronJobAdmission()
        : base("batch", "cronjobs")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        FillString(spec, "concurrencyPolicy", "Allow");
        Fill(spec, "suspend", false);
        Fill(spec, "successfulJobsHistoryLimit", 3);
        Fill(spec, "failedJobsHistoryLimit", 1);
        if (Obj(Obj(Obj(Obj(spec, "jobTemplate"), "spec"), "template"), "spec") is { } podSpec)
        {
            PodSpecDefaults.Apply(podSpec);
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var name = Str(Obj(obj, "metadata"), "name");
        if (name.Length > MaxNameLength)
        {
            errors.Add(FieldError.Invalid("metadata.name", name, $"must be no more than {MaxNameLength} characters"));
        }

        var spec = Obj(obj, "spec") ?? [];
        var schedule = Str(spec, "schedule");
        if (schedule.Length == 0)
        {
            errors.Add(FieldError.Required("spec.schedule"));
        }
        else if (CronSchedule.Check(schedule) is { } problem)
        {
            errors.Add(FieldError.Invalid("spec.schedule", schedule, problem));
        }

        PodSpecValidation.CheckEnum(spec, "concurrencyPolicy", ConcurrencyPolicies, "spec", errors);
        foreach (var field in (string[])["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"])
        {
            if (Long(spec, field) is { } value && value < 0)
            {
                errors.Add(FieldError.Invalid($"spec.{field}", value, "must be greater than or equal to 0"));
            }
        }

        var jobTemplate = Obj(spec, "jobTemplate");
        var meta = Obj(jobTemplate, "metadata");
        errors.AddRange(ObjectMetaValidation.ValidateLabels(StringMap(Obj(meta, "labels")), "spec.jobTemplate.metadata.labels"));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(StringMap(Obj(meta, "annotations")), "spec.jobTemplate.metadata.annotations"));
        JobSpecValidation.Validate(Obj(jobTemplate, "spec") ?? [], "spec.jobTemplate.spec", inCronJob: true, errors);
    }
}
