using System.Threading.Channels;

namespace Skiff.Storage.Sqlite;

/// <summary>
/// One watch's live feed: a bounded buffer the writer fills without ever waiting. When it is full
/// the watch is ended with WatchLagging; what was buffered before is still delivered.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<WatchEvent> _events;

    public Watcher(string prefix, int bufferSize, long startRevision)
    {
        Prefix = prefix;
        StartRevision = startRevision;
        _events = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(Math.Max(1, bufferSize))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    public string Prefix { get; }

    /// <summary>The revision published when the watcher joined: later events arrive live, earlier ones come from the log.</summary>
    public long StartRevision { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    /// <summary>False when the buffer is full; the caller then ends this watch.</summary>
    public bool TryDeliver(WatchEvent e) => _events.Writer.TryWrite(e);

    public void End(Exception reason) => _events.Writer.TryComplete(reason);
}
