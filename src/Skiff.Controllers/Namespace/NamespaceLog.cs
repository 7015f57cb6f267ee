using Microsoft.Extensions.Logging;

namespace Skiff.Controllers.Namespace;

internal static partial class NamespaceLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "namespace {Namespace}: content remains, estimate {Seconds} s")]
    public static partial void ContentRemaining(ILogger logger, string @namespace, long seconds);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "namespace {Namespace}: all content removed, finalized")]
    public static partial void Finalized(ILogger logger, string @namespace);
}
