using Microsoft.Extensions.Logging;

namespace Skiff.Client.Events;

internal static partial class EventLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "event queue full; dropped {Reason} event for {Kind} {Name} ({Dropped} dropped so far)")]
    public static partial void Dropped(ILogger logger, string reason, string? kind, string? name, long dropped);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "cannot write {Reason} event for {Kind} {Name}: {Error}")]
    public static partial void WriteFailed(ILogger logger, string reason, string? kind, string? name, string error);
}
