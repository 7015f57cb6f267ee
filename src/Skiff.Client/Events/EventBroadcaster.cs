using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Skiff.Client.Events;

/// <summary>
/// Writes the events every recorder of the process records: off the callers' threads through a bounded queue, and
/// aggregated as upstream's correlator does, so a repeated event bumps count and lastTimestamp of one Event object.
/// </summary>
public sealed class EventBroadcaster
{
    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventBroadcasterOptions _options;
    private readonly Channel<PendingEvent> _queue;
    private readonly Dictionary<string, SeenEvent> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private long _dropped;

    public EventBroadcaster(IKubernetes client, TimeProvider time, ILogger logger, EventBroadcasterOptions? options = null)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _options = options ?? EventBroadcasterOptions.Default;
        _queue = Channel.CreateBounded<PendingEvent>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal DateTimeOffset Now => _time.GetUtcNow();

    public IEventRecorder NewRecorder(string component) => new EventRecorder(this, component);

    /// <summary>Writes queued events until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var pending in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await WriteAsync(pending, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    EventLog.WriteFailed(_logger, pending.Reason, pending.Regarding.Kind, pending.Regarding.Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    internal void Enqueue(PendingEvent pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            var dropped = Interlocked.Increment(ref _dropped);
            EventLog.Dropped(_logger, pending.Reason, pending.Regarding.Kind, pending.Regarding.Name, dropped);
        }
    }

    private async Task WriteAsync(PendingEvent pending, CancellationToken ct)
    {
        var key = pending.AggregationKey;
        if (_seen.TryGetValue(key, out var seen) && pending.Time - seen.LastTimestamp <= _options.AggregationWindow)
        {
            var patch = new JsonObject
            {
                ["count"] = seen.Count + 1,
                ["lastTimestamp"] = Rfc3339(pending.Time),
            };
            try
            {
                await _client.CoreV1.PatchNamespacedEventAsync(
                    new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), seen.Name, seen.Namespace, cancellationToken: ct).ConfigureAwait(false);
                _seen[key] = seen with { Count = seen.Count + 1, LastTimestamp = pending.Time };
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Someone deleted the Event (or it expired by TTL): start a new one.
            }
        }

        var created = NewEvent(pending);
        await _client.CoreV1.CreateNamespacedEventAsync(created, created.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        Remember(key, new SeenEvent(created.Metadata.NamespaceProperty, created.Metadata.Name, 1, pending.Time));
    }

    private static Corev1Event NewEvent(PendingEvent pending)
    {
        // Upstream names an event after its object and the recording time in nanoseconds, in hex; events of
        // cluster-scoped objects live in "default".
        var nanos = (pending.Time - DateTimeOffset.UnixEpoch).Ticks * 100;
        var ns = string.IsNullOrEmpty(pending.Regarding.NamespaceProperty) ? "default" : pending.Regarding.NamespaceProperty;
        var at = Truncate(pending.Time);
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{pending.Regarding.Name}.{nanos.ToString("x", CultureInfo.InvariantCulture)}", NamespaceProperty = ns },
            InvolvedObject = pending.Regarding,
            Reason = pending.Reason,
            Message = pending.Message,
            Type = pending.Type,
            Source = new V1EventSource { Component = pending.Component },
            ReportingComponent = pending.Component,
            ReportingInstance = string.Empty,
            FirstTimestamp = at,
            LastTimestamp = at,
            Count = 1,
        };
    }

    private void Remember(string key, SeenEvent seen)
    {
        if (!_seen.ContainsKey(key))
        {
            _seenOrder.Enqueue(key);
            while (_seenOrder.Count > _options.CacheSize && _seenOrder.TryDequeue(out var oldest))
            {
                _seen.Remove(oldest);
            }
        }

        _seen[key] = seen;
    }

    // metav1.Time is whole seconds on the wire.
    private static DateTime Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
