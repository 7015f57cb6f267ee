using Microsoft.Extensions.Logging;

namespace Skiff.Scheduler.Scheduling;

internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "pod {Pod} bound to {Node} (evaluated {Evaluated}, feasible {Feasible})")]
    public static partial void Scheduled(ILogger logger, string pod, string node, int evaluated, int feasible);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "unable to schedule pod {Pod}: {Message}")]
    public static partial void Unschedulable(ILogger logger, string pod, string message);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "error scheduling pod {Pod}: {Message}")]
    public static partial void Error(ILogger logger, string pod, string message);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "cannot update the status of pod {Pod}: {Message}")]
    public static partial void StatusUpdateFailed(ILogger logger, string pod, string message);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "scheduler started with profiles {Profiles}")]
    public static partial void Started(ILogger logger, string profiles);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "scheduling loop failed")]
    public static partial void LoopFailed(ILogger logger, Exception error);
}
