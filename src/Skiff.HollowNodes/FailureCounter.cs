using Microsoft.Extensions.Logging;

namespace Skiff.HollowNodes;

/// <summary>
/// Logs failed heartbeats at most once per interval with a running count: with thousands of nodes an
/// unreachable server would otherwise produce hundreds of identical lines a second.
/// </summary>
internal sealed class FailureCounter
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _every;
    private long _failures;
    private long _lastLoggedTicks;

    public FailureCounter(ILogger logger, TimeProvider time, TimeSpan every)
    {
        _logger = logger;
        _time = time;
        _every = every;
    }

    public long Failures => Interlocked.Read(ref _failures);

    public void Record(string what, string node, Exception e)
    {
        var count = Interlocked.Increment(ref _failures);
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLoggedTicks);
        if (now - last >= _every.Ticks && Interlocked.CompareExchange(ref _lastLoggedTicks, now, last) == last)
        {
            HollowLog.NodeCallFailed(_logger, what, node, count, e.Message);
        }
    }
}
