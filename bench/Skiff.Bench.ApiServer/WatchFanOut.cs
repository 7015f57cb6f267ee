using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Skiff.Bench.ApiServer;

/// <summary>
/// Many watchers on one namespace's ConfigMaps, then spaced updates of one ConfigMap: the time from
/// each update's response to each watcher reading its event.
/// </summary>
internal sealed class WatchFanOut(KubeApi api, TextWriter log)
{
    public async Task<WatchResult> RunAsync(string ns, int watchers, int updates, TimeSpan spacing, TimeSpan cap)
    {
        await api.CreateNamespaceAsync(ns);
        var rv = await api.CreateConfigMapAsync(ns, "target", "0");
        var listRv = await api.ListConfigMapsAsync(ns);

        // Key: resourceVersion of an update; value: Stopwatch timestamp of its response.
        var updatedAt = new ConcurrentDictionary<string, long>();
        var received = new ConcurrentBag<(string Rv, long At)>();
        using var stop = new CancellationTokenSource();
        var streams = new List<Task>();
        var opened = 0;
        var clock = Stopwatch.StartNew();
        for (var w = 0; w < watchers && clock.Elapsed < cap; w++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=1&resourceVersion={listRv}");
            var response = await api.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            opened++;
            streams.Add(Task.Run(() => ReadAsync(request, response, received, stop.Token)));
        }

        log.WriteLine($"  {opened} watchers open after {clock.Elapsed.TotalSeconds:0.0} s");
        for (var u = 1; u <= updates; u++)
        {
            rv = await api.UpdateConfigMapAsync(ns, "target", u.ToString(System.Globalization.CultureInfo.InvariantCulture), rv);
            updatedAt[rv] = Stopwatch.GetTimestamp();
            await Task.Delay(spacing);
        }

        var expected = opened * updatedAt.Count;
        var wait = Stopwatch.StartNew();
        while (received.Count < expected && wait.Elapsed < cap)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(streams);
        var latencies = received.Where(r => updatedAt.ContainsKey(r.Rv))
            .Select(r => Stopwatch.GetElapsedTime(updatedAt[r.Rv], r.At).TotalMilliseconds)
            .ToList();
        return new WatchResult(opened, updates, expected, latencies);
    }

    private static async Task ReadAsync(HttpRequestMessage request, HttpResponseMessage response, ConcurrentBag<(string, long)> received, CancellationToken ct)
    {
        using (request)
        using (response)
        {
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    var at = Stopwatch.GetTimestamp();
                    using var document = JsonDocument.Parse(line);
                    var rv = document.RootElement.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString();
                    if (rv is not null)
                    {
                        received.Add((rv, at));
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
                // The benchmark ends its watches by cancelling them.
            }
        }
    }
}
