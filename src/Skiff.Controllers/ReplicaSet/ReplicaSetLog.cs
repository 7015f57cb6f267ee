using Microsoft.Extensions.Logging;

namespace Skiff.Controllers.ReplicaSet;

internal static partial class ReplicaSetLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Too few replicas for {Kind} {Key}: need {Need}, creating {Creating}")]
    public static partial void TooFew(ILogger logger, string kind, string key, int need, int creating);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Too many replicas for {Kind} {Key}: need {Need}, deleting {Deleting}")]
    public static partial void TooMany(ILogger logger, string kind, string key, int need, int deleting);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Waiting for the pod cache to show earlier writes of {Kind} {Key}")]
    public static partial void Waiting(ILogger logger, string kind, string key);
}
