using System.Buffers;

namespace Skiff.Client.Http;

/// <summary>
/// Reads a newline-delimited JSON stream (a watch) as UTF-8 lines. Decoding every event to a string only for the JSON
/// parser to encode it back to UTF-8 was a large part of what an informer spent per event.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public Utf8LineReader(Stream stream, int initialSize = 16 * 1024)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>
    /// The next line without its line break (and a '\r' before it), or null at the end of the stream. The bytes stay
    /// valid until the next call.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken ct)
    {
        var scanned = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanned, _end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return TakeLine(scanned + newline, skip: 1);
            }

            scanned = _end;
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                scanned -= _start;
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _end).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                // A bare null here would convert to an empty line (through byte[]), not to "no more lines".
                return _end > _start ? TakeLine(_end, skip: 0) : (ReadOnlyMemory<byte>?)null;
            }

            _end += read;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private ReadOnlyMemory<byte> TakeLine(int lineEnd, int skip)
    {
        var length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == (byte)'\r')
        {
            length--;
        }

        var line = _buffer.AsMemory(_start, length);
        _start = lineEnd + skip;
        return line;
    }
}
