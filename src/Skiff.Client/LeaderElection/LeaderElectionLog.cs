using Microsoft.Extensions.Logging;

namespace Skiff.Client.LeaderElection;

internal static partial class LeaderElectionLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "{Identity} acquired lease {Namespace}/{Name}")]
    public static partial void Acquired(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "{Identity} lost lease {Namespace}/{Name}: not renewed within {Deadline}")]
    public static partial void Lost(ILogger logger, string identity, string @namespace, string name, TimeSpan deadline);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "{Identity} released lease {Namespace}/{Name}")]
    public static partial void Released(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 403, Level = LogLevel.Debug, Message = "lease {Namespace}/{Name}: attempt failed: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "leader work failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception);
}
