using System.Buffers;
using System.IO.Pipelines;

namespace Skiff.ApiServer.Handlers;

/// <summary>Newline-separated JSON events in a chunked response, as `?watch=1` clients read them.</summary>
internal sealed class ChunkedWatchSink(PipeWriter body) : IWatchSink
{
    public void Add(ReadOnlySpan<byte> eventJson)
    {
        body.Write(eventJson);
        body.Write("\n"u8);
    }

    public async Task FlushAsync(CancellationToken ct) => await body.FlushAsync(ct).ConfigureAwait(false);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
