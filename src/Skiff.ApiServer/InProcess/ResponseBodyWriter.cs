using System.IO.Pipelines;

namespace Skiff.ApiServer.InProcess;

/// <summary>
/// The body writer the pipeline sees: its first flush or write starts the response (fixing status and headers), as
/// the first flush does on a real server, and a watch's first flush is what lets the client see the response.
/// </summary>
internal sealed class ResponseBodyWriter : PipeWriter
{
    private readonly PipeWriter _inner;
    private readonly InProcessResponse _response;

    public ResponseBodyWriter(PipeWriter inner, InProcessResponse response)
    {
        _inner = inner;
        _response = response;
    }

    public override bool CanGetUnflushedBytes => _inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => _inner.UnflushedBytes;

    public override void Advance(int bytes) => _inner.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => _inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        _response.HasStarted ? _inner.FlushAsync(cancellationToken) : StartThenFlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        _response.HasStarted ? _inner.WriteAsync(source, cancellationToken) : StartThenWriteAsync(source, cancellationToken);

    private async ValueTask<FlushResult> StartThenFlushAsync(CancellationToken cancellationToken)
    {
        await _response.StartAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<FlushResult> StartThenWriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        await _response.StartAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.WriteAsync(source, cancellationToken).ConfigureAwait(false);
    }
}
