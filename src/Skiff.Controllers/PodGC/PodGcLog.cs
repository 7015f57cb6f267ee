using Microsoft.Extensions.Logging;

namespace Skiff.Controllers.PodGC;

internal static partial class PodGcLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "pod gc: deleting {Count} terminated pods over the threshold of {Threshold}")]
    public static partial void DeletingTerminated(ILogger logger, int count, int threshold);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "pod gc: node {Node} is gone, deleting its pod {Namespace}/{Pod}")]
    public static partial void DeletingOrphaned(ILogger logger, string node, string @namespace, string pod);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "pod gc: deleting unscheduled terminating pod {Namespace}/{Pod}")]
    public static partial void DeletingUnscheduled(ILogger logger, string @namespace, string pod);
}
