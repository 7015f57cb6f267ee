using Microsoft.Extensions.Logging;

namespace Skiff.Client.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{Resource}: listed {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Resource}: resourceVersion {ResourceVersion} is too old, relisting")]
    public static partial void Expired(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Resource}: list/watch failed, retrying in {Delay}: {Reason}")]
    public static partial void Failed(ILogger logger, string resource, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "{Resource}: event handler failed")]
    public static partial void HandlerFailed(ILogger logger, string resource, Exception exception);
}
