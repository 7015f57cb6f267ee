namespace Skiff.ApiServer.Admission.Batch;

/// <summary>The shape checks of a cron schedule that upstream's parser reports first: descriptors, or five fields.</summary>
internal static class CronSchedule
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    /// <summary>Null when the schedule has an acceptable shape; otherwise upstream's message.</summary>
    public static string? Check(string schedule)
    {
        var spec = schedule.Trim();
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            return "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";
        }

        if (spec.StartsWith('@'))
        {
            return Descriptors.Contains(spec) || spec.StartsWith("@every ", StringComparison.Ordinal) ? null : $"unrecognized descriptor: {spec}";
        }

        var fields = spec.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 ? null : $"expected exactly 5 fields, found {fields.Length}: {spec}";
    }
}
