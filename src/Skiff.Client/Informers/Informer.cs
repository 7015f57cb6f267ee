using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Cache;
using Skiff.Client.Http;

namespace Skiff.Client.Informers;

/// <summary>
/// A reflector and its dispatcher in one: lists in pages, watches from the list's resourceVersion (bookmarks keep it
/// fresh), resumes a dropped watch where it stopped, relists when the server no longer has that version, and feeds
/// handlers through an unbounded queue so a slow handler never stalls the watch stream.
/// </summary>
internal sealed class Informer<T> : IInformer<T>, IStartable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly RawApi _api;
    private readonly ObjectDecode<T> _decode;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ObjectCache<T> _cache = new();
    private readonly Lock _applyLock = new();
    private readonly Channel<DispatchItem<T>> _dispatch = Channel.CreateUnbounded<DispatchItem<T>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private ResourcePath _path;

    public Informer(RawApi api, ResourcePath path, ObjectDecode<T> decode, InformerOptions options, TimeProvider time, ILogger logger)
    {
        _api = api;
        _path = path;
        _decode = decode;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public ILister<T> Lister => _cache;

    public Task Synced => _synced.Task;

    /// <summary>The resourceVersion the next watch resumes from; null until listed or after the server said it is too old.</summary>
    public string? ResourceVersion { get; private set; }

    public void AddIndex(string name, Func<T, IEnumerable<string>> index) => _cache.AddIndex(name, index);

    public IDisposable AddHandler(Action<InformerEvent<T>> handler)
    {
        var registration = new HandlerRegistration<T>(handler);
        lock (_applyLock)
        {
            _dispatch.Writer.TryWrite(new DispatchItem<T>(null, registration, _cache.List()));
        }

        return registration;
    }

    public void Start(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        _ = Task.Run(() => DispatchAsync(ct), CancellationToken.None);
        _ = Task.Run(() => ReflectAsync(ct), CancellationToken.None);
    }

    private async Task ReflectAsync(CancellationToken ct)
    {
        var backoff = _options.InitialBackoff;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (ResourceVersion is null)
                {
                    await ListAsync(ct).ConfigureAwait(false);
                }

                await WatchAsync(ct).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (ApiError e) when (e.IsExpired)
            {
                InformerLog.Expired(_logger, _path.ToString(), ResourceVersion);
                ResourceVersion = null;
            }
            catch (Exception e)
            {
                InformerLog.Failed(_logger, _path.ToString(), backoff, e.Message);
                try
                {
                    await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = backoff * 2 > _options.MaxBackoff ? _options.MaxBackoff : backoff * 2;
            }
        }

        _dispatch.Writer.TryComplete();
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var items = new List<T>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var query = RawApi.Query(("limit", _options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("continue", continueToken));
            using var page = await _api.GetJsonAsync(_path.CollectionPath + query, ct).ConfigureAwait(false);
            var root = page.RootElement;
            if (_path.Kind.Length == 0 && root.TryGetProperty("kind", out var listKind) && listKind.GetString() is { } lk && lk.EndsWith("List", StringComparison.Ordinal))
            {
                _path = _path with { Kind = lk[..^4] };
            }

            foreach (var item in root.GetProperty("items").EnumerateArray())
            {
                items.Add(_decode(JsonMarshal.GetRawUtf8Value(item), _path));
            }

            var meta = root.GetProperty("metadata");
            resourceVersion = meta.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() ?? string.Empty : string.Empty;
            continueToken = meta.TryGetProperty("continue", out var c) && c.GetString() is { Length: > 0 } next ? next : null;
        }
        while (continueToken is not null);

        ApplyList(items);
        ResourceVersion = resourceVersion;
        InformerLog.Listed(_logger, _path.ToString(), items.Count, resourceVersion);
        _synced.TrySetResult();
    }

    // A relist tells handlers what changed while the watch was away: new objects as Added, changed ones as Modified,
    // vanished ones as Deleted with the last state the cache knew.
    private void ApplyList(List<T> items)
    {
        lock (_applyLock)
        {
            var events = new List<InformerEvent<T>>(items.Count);
            foreach (var item in items)
            {
                var old = _cache.Get(ObjectKey.Of(item));
                if (old is null)
                {
                    events.Add(new InformerEvent<T>(InformerEventType.Added, item, null));
                }
                else if (old.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
                {
                    events.Add(new InformerEvent<T>(InformerEventType.Modified, item, old));
                }
            }

            foreach (var gone in _cache.Replace(items))
            {
                events.Add(new InformerEvent<T>(InformerEventType.Deleted, gone, null));
            }

            foreach (var e in events)
            {
                _dispatch.Writer.TryWrite(new DispatchItem<T>(e, null, null));
            }
        }
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        var timeout = (int)(_options.MinWatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        var query = RawApi.Query(
            ("watch", "true"),
            ("resourceVersion", ResourceVersion),
            ("allowWatchBookmarks", "true"),
            ("timeoutSeconds", Math.Max(1, timeout).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var response = await _api.GetAsync(_path.CollectionPath + query, ct).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new Utf8LineReader(stream);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    ApplyWatchEvent(line);
                }
            }
        }
    }

    private void ApplyWatchEvent(ReadOnlyMemory<byte> line)
    {
        var watchEvent = WatchLine.Parse(line.Span);
        switch (watchEvent.Type)
        {
            case "ADDED" or "MODIFIED":
            {
                var obj = _decode(watchEvent.Object, _path);
                lock (_applyLock)
                {
                    var old = _cache.Upsert(obj);
                    var e = old is null
                        ? new InformerEvent<T>(InformerEventType.Added, obj, null)
                        : new InformerEvent<T>(InformerEventType.Modified, obj, old);
                    _dispatch.Writer.TryWrite(new DispatchItem<T>(e, null, null));
                }

                ResourceVersion = obj.Metadata?.ResourceVersion ?? ResourceVersion;
                break;
            }

            case "DELETED":
            {
                var obj = _decode(watchEvent.Object, _path);
                lock (_applyLock)
                {
                    var old = _cache.Delete(ObjectKey.Of(obj));
                    _dispatch.Writer.TryWrite(new DispatchItem<T>(new InformerEvent<T>(InformerEventType.Deleted, obj, old), null, null));
                }

                ResourceVersion = obj.Metadata?.ResourceVersion ?? ResourceVersion;
                break;
            }

            case "BOOKMARK":
            {
                using var doc = JsonDocument.Parse(watchEvent.Object.ToArray());
                if (doc.RootElement.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("resourceVersion", out var rv) && rv.GetString() is { Length: > 0 } version)
                {
                    ResourceVersion = version;
                }

                break;
            }

            case "ERROR":
            {
                using var doc = JsonDocument.Parse(watchEvent.Object.ToArray());
                throw ApiError.FromStatus(doc.RootElement);
            }
        }
    }

    private async Task DispatchAsync(CancellationToken ct)
    {
        var handlers = new List<HandlerRegistration<T>>();
        try
        {
            await foreach (var item in _dispatch.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (item.NewHandler is { } added)
                {
                    handlers.Add(added);
                    foreach (var obj in item.Replay!)
                    {
                        Deliver(added, new InformerEvent<T>(InformerEventType.Added, obj, null));
                    }

                    continue;
                }

                handlers.RemoveAll(h => h.Disposed);
                foreach (var handler in handlers)
                {
                    Deliver(handler, item.Event!);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Deliver(HandlerRegistration<T> registration, InformerEvent<T> e)
    {
        if (registration.Disposed)
        {
            return;
        }

        try
        {
            registration.Handler(e);
        }
        catch (Exception ex)
        {
            InformerLog.HandlerFailed(_logger, _path.ToString(), ex);
        }
    }
}
