using Microsoft.Extensions.Logging;

namespace Skiff.Controllers.Hosting;

internal static partial class ControllerManagerLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "leading: starting {Count} controllers ({Names})")]
    public static partial void Starting(ILogger logger, int count, string names);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "no longer leading: controllers stopped")]
    public static partial void Stopped(ILogger logger);
}
