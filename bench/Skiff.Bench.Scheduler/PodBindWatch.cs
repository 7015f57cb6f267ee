using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Skiff.Bench.Scheduler;

/// <summary>
/// One watch on the benchmark namespace's pods that notes, on the benchmark's clock, when each pod is first seen
/// with spec.nodeName set.
/// </summary>
internal sealed class PodBindWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TimeSpan> _bound = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Stopwatch _clock;

    private PodBindWatch(HttpClient client, string ns, string resourceVersion, Stopwatch clock)
    {
        _clock = clock;
        _pump = Task.Run(() => PumpAsync(client, ns, resourceVersion));
    }

    public int Count => _bound.Count;

    public IReadOnlyDictionary<string, TimeSpan> Bound => _bound;

    public Exception? Failure => _pump.Exception?.GetBaseException();

    public static async Task<PodBindWatch> StartAsync(HttpClient client, string ns, Stopwatch clock)
    {
        using var list = await client.GetAsync($"/api/v1/namespaces/{ns}/pods?limit=1");
        list.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStreamAsync());
        var rv = doc.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
        return new PodBindWatch(client, ns, rv, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(HttpClient client, string ns, string resourceVersion)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods?watch=1&resourceVersion={resourceVersion}&allowWatchBookmarks=false");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var obj = doc.RootElement.GetProperty("object");
            if (obj.TryGetProperty("spec", out var spec) && spec.TryGetProperty("nodeName", out var node) && node.GetString() is { Length: > 0 })
            {
                var name = obj.GetProperty("metadata").GetProperty("name").GetString()!;
                _bound.TryAdd(name, _clock.Elapsed);
            }
        }
    }
}
