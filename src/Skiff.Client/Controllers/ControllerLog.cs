using Microsoft.Extensions.Logging;

namespace Skiff.Client.Controllers;

internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{Controller}: caches synced, starting {Workers} workers")]
    public static partial void Starting(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Controller}: reconcile {Key} failed (retry {Retries}): {Error}")]
    public static partial void Failed(ILogger logger, string controller, string key, int retries, string error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "{Controller}: reconcile {Key} failed for good: {Error}")]
    public static partial void Terminal(ILogger logger, string controller, string key, string error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "{Controller}: stopped")]
    public static partial void Stopped(ILogger logger, string controller);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "controller {Controller}: setup failed")]
    public static partial void SetupFailed(ILogger logger, string controller, Exception exception);
}
