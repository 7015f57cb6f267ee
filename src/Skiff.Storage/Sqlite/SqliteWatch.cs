using System.Runtime.CompilerServices;

namespace Skiff.Storage.Sqlite;

/// <summary>
/// One watch: join the hub, replay the log up to the revision joined at, then follow the live
/// buffer, reporting progress when idle.
/// </summary>
internal static class SqliteWatch
{
    public const int HistoryPageSize = 1000;

    /// <param name="readHistory">Changes under a prefix in (after, upTo], at most a page; throws Compacted.</param>
    public static async IAsyncEnumerable<WatchEvent> RunAsync(
        WatchHub hub,
        Func<string, long, long, List<WatchEvent>> readHistory,
        TimeProvider time,
        string prefix,
        long fromRevision,
        WatchOptions options,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var watcher = hub.Join(prefix, options.BufferSize);
        try
        {
            // Joined first, so the log up to StartRevision plus the live feed after it has no gap and no duplicate.
            var delivered = fromRevision == 0 ? watcher.StartRevision : fromRevision;
            while (delivered < watcher.StartRevision)
            {
                ct.ThrowIfCancellationRequested();
                var page = readHistory(prefix, delivered, watcher.StartRevision);
                foreach (var e in page)
                {
                    yield return e;
                }

                delivered = page.Count < HistoryPageSize ? watcher.StartRevision : page[^1].Revision;
            }

            var live = watcher.Events;
            Task<bool>? waiting = null;
            Task? tick = null;
            var active = false;
            while (true)
            {
                if (live.TryRead(out var e))
                {
                    // A watch from a future revision skips what it did not ask for.
                    if (e.Revision > delivered)
                    {
                        delivered = e.Revision;
                        active = true;
                        yield return e;
                    }

                    continue;
                }

                waiting ??= live.WaitToReadAsync(ct).AsTask();
                if (options.ProgressInterval is { } interval)
                {
                    tick ??= Task.Delay(interval, time, ct);
                    if (await Task.WhenAny(waiting, tick).ConfigureAwait(false) == tick)
                    {
                        await tick.ConfigureAwait(false);
                        tick = null;

                        // Progress only for a watch that was idle a whole interval, as etcd does.
                        if (!active && hub.ProgressFor(watcher) is { } progress)
                        {
                            yield return WatchEvent.Progress(Math.Max(progress, delivered));
                        }

                        active = false;
                        continue;
                    }
                }

                // Throws the reason the hub ended the watch (WatchLagging, store closed).
                var more = await waiting.ConfigureAwait(false);
                waiting = null;
                if (!more)
                {
                    yield break;
                }
            }
        }
        finally
        {
            hub.Leave(watcher);
        }
    }
}
