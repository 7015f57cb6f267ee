using Microsoft.Extensions.Logging;

namespace Skiff.Controllers.GarbageCollector;

internal static partial class GarbageCollectorLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "garbage collector: unable to get REST mapping for {ApiVersion}/{Kind} of {Item}; retrying after discovery")]
    public static partial void UnresolvedKind(this ILogger logger, string apiVersion, string kind, string item);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "garbage collector: deleting {Item} with propagationPolicy {Policy}")]
    public static partial void Deleting(this ILogger logger, string item, string policy);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "garbage collector: removing finalizer {Finalizer} from {Item}")]
    public static partial void RemovingFinalizer(this ILogger logger, string finalizer, string item);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "garbage collector: error syncing item {Item}")]
    public static partial void SyncFailed(this ILogger logger, Exception error, string item);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "garbage collector: discovery failed")]
    public static partial void DiscoveryFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "garbage collector: monitoring {Count} resources")]
    public static partial void Monitoring(this ILogger logger, int count);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "garbage collector: {Item} references an owner {Owner} that does not exist in its namespace")]
    public static partial void InvalidNamespaceOwner(this ILogger logger, string item, string owner);
}
