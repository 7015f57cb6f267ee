using System.Text;

namespace Skiff.Kubelet.Logs;

/// <summary>
/// Turns a CRI log file back into what the container wrote, honouring tailLines, sinceTime, timestamps,
/// limitBytes and follow as upstream's kubelet does.
/// </summary>
internal sealed class CriLogReader
{
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(100);
    private readonly TimeProvider _time;

    public CriLogReader(TimeProvider time)
    {
        _time = time;
    }

    public async Task CopyAsync(string path, LogOptions options, Stream output, CancellationToken ct)
    {
        var file = Open(path);
        try
        {
            var budget = new ByteBudget(options.LimitBytes);
            var pending = new List<byte>();

            var initial = await ReadCompleteLinesAsync(file, pending, ct).ConfigureAwait(false);
            var records = Parse(initial).Where(r => options.SinceTime is null || r.Timestamp >= options.SinceTime).ToList();
            if (options.TailLines is { } tail)
            {
                records = LastLogicalLines(records, tail);
            }

            if (!await WriteAsync(records, options, output, budget, ct).ConfigureAwait(false) || !options.Follow)
            {
                return;
            }

            while (!ct.IsCancellationRequested)
            {
                var more = await ReadCompleteLinesAsync(file, pending, ct).ConfigureAwait(false);
                if (more.Count == 0 && IsReplaced(file, path) && TryOpen(path) is { } next)
                {
                    // Rotation renamed the file under us and the runtime reopened a new one at the same path; as
                    // upstream, follow goes on there, after what the runtime wrote to the old file before its reopen.
                    more = await ReadCompleteLinesAsync(file, pending, ct).ConfigureAwait(false);
                    await file.DisposeAsync().ConfigureAwait(false);
                    file = next;
                    pending.Clear();
                    if (more.Count == 0)
                    {
                        continue;
                    }
                }

                if (more.Count == 0)
                {
                    try
                    {
                        await Task.Delay(FollowPoll, _time, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    continue;
                }

                if (!await WriteAsync(Parse(more).ToList(), options, output, budget, ct).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (options.Follow && ct.IsCancellationRequested)
        {
            // Following ends when the client goes away, whatever the reader was waiting on at that moment.
        }
        finally
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return Open(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether the open file no longer sits at <paramref name="path"/> (renamed or removed); Linux tells through /proc.</summary>
    private static bool IsReplaced(FileStream file, string path)
    {
        try
        {
            var target = File.ResolveLinkTarget($"/proc/self/fd/{file.SafeFileHandle.DangerousGetHandle()}", returnFinalTarget: false);
            return target is not null && target.FullName != Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<CriLogLine> Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            // Upstream skips lines it cannot parse rather than failing the whole request.
            if (CriLogLine.TryParse(line, out var parsed))
            {
                yield return parsed;
            }
        }
    }

    /// <summary>tailLines counts lines as the container wrote them, so partial records join the full one that ends them.</summary>
    private static List<CriLogLine> LastLogicalLines(List<CriLogLine> records, long tail)
    {
        if (tail <= 0)
        {
            return [];
        }

        long seen = 0;
        var start = records.Count;
        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (!records[i].Partial)
            {
                if (seen == tail)
                {
                    break;
                }

                seen++;
            }

            start = i;
        }

        return records.GetRange(start, records.Count - start);
    }

    private static async Task<bool> WriteAsync(List<CriLogLine> records, LogOptions options, Stream output, ByteBudget budget, CancellationToken ct)
    {
        foreach (var record in records)
        {
            var text = (options.Timestamps ? record.RawTimestamp + " " : string.Empty) + record.Content + (record.Partial ? string.Empty : "\n");
            var bytes = Encoding.UTF8.GetBytes(text);
            var allowed = budget.Take(bytes.Length);
            await output.WriteAsync(bytes.AsMemory(0, allowed), ct).ConfigureAwait(false);
            if (allowed < bytes.Length)
            {
                await output.FlushAsync(ct).ConfigureAwait(false);
                return false;
            }
        }

        await output.FlushAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads to end of file and returns the lines ending in '\n'; a half-written last line waits in <paramref name="pending"/>.</summary>
    private static async Task<List<string>> ReadCompleteLinesAsync(FileStream file, List<byte> pending, CancellationToken ct)
    {
        var lines = new List<string>();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await file.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    lines.Add(Encoding.UTF8.GetString(pending.ToArray()));
                    pending.Clear();
                }
                else
                {
                    pending.Add(buffer[i]);
                }
            }
        }

        return lines;
    }

    private sealed class ByteBudget(long? limit)
    {
        private long? _left = limit;

        public int Take(int wanted)
        {
            if (_left is null)
            {
                return wanted;
            }

            var granted = (int)Math.Min(wanted, _left.Value);
            _left -= granted;
            return granted;
        }
    }
}
