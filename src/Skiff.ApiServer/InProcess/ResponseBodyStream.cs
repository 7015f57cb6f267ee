using System.Buffers;
using System.IO.Pipelines;

namespace Skiff.ApiServer.InProcess;

/// <summary>
/// The body as the client reads it. A cancelled read or disposing the stream before the end aborts the request on
/// the server side, which is how a watch ends when its client stops.
/// </summary>
internal sealed class ResponseBodyStream : Stream
{
    private readonly PipeReader _reader;
    private readonly Action _abort;
    private bool _disposed;

    public ResponseBodyStream(PipeReader reader, Action abort)
    {
        _reader = reader;
        _abort = abort;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var data = result.Buffer;
                if (buffer.IsEmpty)
                {
                    // A zero-byte read waits for data without taking any.
                    _reader.AdvanceTo(data.Start);
                    return 0;
                }

                if (!data.IsEmpty)
                {
                    var count = (int)Math.Min(buffer.Length, data.Length);
                    data.Slice(0, count).CopyTo(buffer.Span);
                    _reader.AdvanceTo(data.GetPosition(count));
                    return count;
                }

                _reader.AdvanceTo(data.End);
                if (result.IsCompleted)
                {
                    return 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
            _abort();
            throw;
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            throw new IOException("the API server aborted the response", e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _reader.Complete();
            _abort();
        }

        base.Dispose(disposing);
    }
}
