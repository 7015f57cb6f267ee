namespace Skiff.ApiServer.Handlers;

/// <summary>Where a watch's encoded events go: a chunked HTTP body or a WebSocket.</summary>
internal interface IWatchSink : IAsyncDisposable
{
    /// <summary>Queues one encoded event (a JSON object, no separator).</summary>
    void Add(ReadOnlySpan<byte> eventJson);

    Task FlushAsync(CancellationToken ct);
}
