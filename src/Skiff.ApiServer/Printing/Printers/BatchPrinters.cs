using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Jobs and CronJobs.</summary>
internal static class BatchPrinters
{
    public static readonly TablePrinter Job = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Status", "string", "Status of the job."),
            new("Completions", "string", ColumnDescriptions.JobStatusSucceeded),
            new("Duration", "string", "Time required to complete the job."),
            TableColumn.Age,
            TableColumn.Containers(),
            TableColumn.Images(),
            new("Selector", "string", ColumnDescriptions.JobSpecSelector, 1),
        ],
        (obj, now) =>
        {
            var succeeded = obj.Long("status", "succeeded");
            string completions;
            if (obj.OptLong("spec", "completions") is { } wanted)
            {
                completions = $"{succeeded}/{wanted}";
            }
            else
            {
                var parallelism = obj.Long("spec", "parallelism");
                completions = parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
            }

            var start = obj.Time("status", "startTime");
            var end = obj.Time("status", "completionTime");
            var duration = start is null ? "" : HumanDuration.Format((end ?? now) - start.Value);

            var (names, images) = Cells.Containers(obj.At("spec", "template", "spec"));
            return new JsonArray(Cells.Name(obj), Status(obj), completions, duration, Cells.Age(obj, now),
                names, images, LabelFormat.Selector(obj.Obj("spec", "selector")));
        });

    public static readonly TablePrinter CronJob = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Schedule", "string", ColumnDescriptions.CronJobSpecSchedule),
            new("Timezone", "string", ColumnDescriptions.CronJobSpecTimeZone),
            new("Suspend", "boolean", ColumnDescriptions.CronJobSpecSuspend),
            new("Active", "integer", ColumnDescriptions.CronJobStatusActive),
            new("Last Schedule", "string", ColumnDescriptions.CronJobStatusLastScheduleTime),
            TableColumn.Age,
            TableColumn.Containers(),
            TableColumn.Images(),
            new("Selector", "string", ColumnDescriptions.JobSpecSelector, 1),
        ],
        (obj, now) =>
        {
            var lastSchedule = obj.Time("status", "lastScheduleTime") is { } t ? HumanDuration.Since(t, now) : LabelFormat.None;
            var jobSpec = obj.At("spec", "jobTemplate", "spec");
            var (names, images) = Cells.Containers(jobSpec.At("template", "spec"));
            return new JsonArray(Cells.Name(obj), obj.Str("spec", "schedule"),
                obj.OptStr("spec", "timeZone") ?? LabelFormat.None, Cells.BoolText(obj.OptBool("spec", "suspend")),
                (long)obj.Arr("status", "active").Count, lastSchedule, Cells.Age(obj, now), names, images,
                LabelFormat.Selector(jobSpec.Obj("selector")));
        });

    private static string Status(JsonObject job)
    {
        var conditions = job.Objects("status", "conditions").ToList();
        bool Has(string type) => conditions.FirstOrDefault(c => c.Str("type") == type)?.Str("status") == "True";
        if (Has("Complete"))
        {
            return "Complete";
        }
        if (Has("Failed"))
        {
            return "Failed";
        }
        if (job.Has("metadata", "deletionTimestamp"))
        {
            return "Terminating";
        }
        if (Has("Suspended"))
        {
            return "Suspended";
        }
        return Has("FailureTarget") ? "FailureTarget" : "Running";
    }
}
