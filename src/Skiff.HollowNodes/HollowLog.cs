using Microsoft.Extensions.Logging;

namespace Skiff.HollowNodes;

internal static partial class HollowLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "hollow nodes ready: {Count} registered in {Seconds:F1}s")]
    public static partial void Registered(ILogger logger, int count, double seconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{What} failed for {Node} ({Failures} failures so far): {Reason}")]
    public static partial void NodeCallFailed(ILogger logger, string what, string node, long failures, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "pod {Namespace}/{Name}: {What} failed: {Reason}")]
    public static partial void PodCallFailed(ILogger logger, string @namespace, string name, string what, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "pod watch ended: {Reason}; resuming")]
    public static partial void WatchFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "pod watch resource version expired; listing again")]
    public static partial void Relisting(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "stopping; nodes are left registered")]
    public static partial void StoppingKeep(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "stopping; deleted {Count} nodes")]
    public static partial void StoppingDeleted(ILogger logger, int count);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "pod {Namespace}/{Name} is {Phase} on {Node}")]
    public static partial void PodPhase(ILogger logger, string @namespace, string name, string phase, string node);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "node {Node} has no free pod IP in its /24; pod {Namespace}/{Name} waits")]
    public static partial void NoPodIp(ILogger logger, string node, string @namespace, string name);
}
