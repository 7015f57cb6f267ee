using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Http;

namespace Skiff.Client.Informers;

/// <summary>Hands out one informer per resource for the whole process and starts them all together.</summary>
public sealed class SharedInformerFactory : ISharedInformerFactory
{
    private readonly RawApi _api;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly InformerOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<IStartable>> _informers = new(StringComparer.Ordinal);
    private readonly Lock _startLock = new();
    private CancellationToken? _started;

    public SharedInformerFactory(IKubernetes client, TimeProvider time, ILoggerFactory loggers, InformerOptions? options = null)
    {
        _api = new RawApi(client);
        _time = time;
        _loggers = loggers;
        _options = options ?? InformerOptions.Default;
    }

    public IInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        var path = ResourcePath.For<T>();
        return GetOrAdd("typed:" + path, () => new Informer<T>(_api, path, ObjectDecoder.Typed<T>, _options, _time, Logger(path)));
    }

    public IInformer<PartialObject> GetMetadata(string group, string version, string plural)
    {
        // The kind is learned from the first list response ("PodList" → "Pod").
        var path = new ResourcePath(group, version, plural, string.Empty);
        return GetOrAdd("meta:" + path, () => new Informer<PartialObject>(_api, path, ObjectDecoder.Partial, _options, _time, Logger(path)));
    }

    public void Start(CancellationToken ct)
    {
        lock (_startLock)
        {
            _started = ct;
        }

        foreach (var informer in _informers.Values)
        {
            informer.Value.Start(ct);
        }
    }

    private IInformer<T> GetOrAdd<T>(string key, Func<Informer<T>> create)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = (Informer<T>)_informers.GetOrAdd(key, _ => new Lazy<IStartable>(create)).Value;

        // Start is idempotent, so an informer asked for while Start runs may be started twice harmlessly.
        lock (_startLock)
        {
            if (_started is { } ct)
            {
                informer.Start(ct);
            }
        }

        return informer;
    }

    private ILogger Logger(ResourcePath path) => _loggers.CreateLogger("skiff.informer." + path);
}
