using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Skiff;

/// <summary>Structured, levelled logs to stderr, one line each.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(LogLevel minimum) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
