using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Skiff.ApiServer.InProcess;

/// <summary>
/// The server side of an in-process response: status and headers until the first flush (or the end), then a body that
/// the client reads through a pipe while the pipeline is still writing it.
/// </summary>
internal sealed class InProcessResponse : IHttpResponseFeature, IHttpResponseBodyFeature
{
    // Roughly what an HTTP/2 stream lets a server write ahead of its reader before flow control holds it back.
    private static readonly PipeOptions Buffering = new(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false);

    private readonly Pipe _pipe = new(Buffering);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HeaderDictionary _headers = new();
    private readonly ResponseBodyWriter _writer;
    private Stream? _stream;
    private List<(Func<object, Task> Callback, object State)>? _onStarting;
    private List<(Func<object, Task> Callback, object State)>? _onCompleted;

    public InProcessResponse()
    {
        _writer = new ResponseBodyWriter(_pipe.Writer, this);
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers
    {
        get => _headers;
        set => throw new NotSupportedException("the in-process response keeps its own header dictionary");
    }

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
    public Stream Body
    {
        get => Stream;
        set => throw new NotSupportedException("replace the response body through IHttpResponseBodyFeature");
    }

    public bool HasStarted { get; private set; }

    public Stream Stream => _stream ??= _writer.AsStream(leaveOpen: true);

    public PipeWriter Writer => _writer;

    /// <summary>Completes once status and headers are final: the client may build its response message.</summary>
    public Task Started => _started.Task;

    /// <summary>The body as the client reads it.</summary>
    public PipeReader Reader => _pipe.Reader;

    public void OnStarting(Func<object, Task> callback, object state) => (_onStarting ??= []).Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => (_onCompleted ??= []).Add((callback, state));

    public void DisableBuffering()
    {
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken) =>
        SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
        {
            return;
        }

        // Callbacks run last-registered first, as ASP.NET Core servers run them.
        for (var i = (_onStarting?.Count ?? 0) - 1; i >= 0; i--)
        {
            var (callback, state) = _onStarting![i];
            await callback(state).ConfigureAwait(false);
        }

        HasStarted = true;
        _headers.IsReadOnly = true;
        _started.TrySetResult();
    }

    public async Task CompleteAsync()
    {
        await StartAsync().ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);
        await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        await RunCompletedAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The pipeline threw: a 500 if nothing was sent yet, else the body ends in an error the client reads as a broken
    /// stream (a server resets the stream then).
    /// </summary>
    public async Task FailAsync(Exception error)
    {
        if (!HasStarted)
        {
            StatusCode = StatusCodes.Status500InternalServerError;
            ReasonPhrase = null;
            _headers.Clear();
            _headers.ContentLength = 0;
            HasStarted = true;
            _headers.IsReadOnly = true;
            _started.TrySetResult();
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
        else
        {
            await _pipe.Writer.CompleteAsync(error).ConfigureAwait(false);
        }

        await RunCompletedAsync().ConfigureAwait(false);
    }

    private async Task RunCompletedAsync()
    {
        for (var i = (_onCompleted?.Count ?? 0) - 1; i >= 0; i--)
        {
            var (callback, state) = _onCompleted![i];
            try
            {
                await callback(state).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Completion callbacks clean up after a response already delivered; one failing must not stop the others.
            }
        }
    }
}
