using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Skiff.Bench.Kubelet;

/// <summary>
/// One watch on the benchmark's namespace; records the first moment each pod is seen with Ready=True, on the same
/// clock the creates are timed with, so latency is create sent → Ready observed (upstream's SLI observes by watch too).
/// </summary>
internal sealed class ReadyWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TimeSpan>> _ready = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock;
    private readonly Task _loop;

    public ReadyWatch(HttpClient client, string ns, Stopwatch clock)
    {
        _clock = clock;
        _loop = RunAsync(client, ns);
    }

    /// <summary>Completes with the clock's reading when <paramref name="pod"/> was first seen Ready.</summary>
    public Task<TimeSpan> ReadyAt(string pod) => Entry(pod).Task;

    private TaskCompletionSource<TimeSpan> Entry(string pod) =>
        _ready.GetOrAdd(pod, _ => new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task RunAsync(HttpClient client, string ns)
    {
        var ct = _stop.Token;
        var resourceVersion = "0";
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync($"/api/v1/namespaces/{ns}/pods?watch=true&allowWatchBookmarks=true&resourceVersion={resourceVersion}",
                    HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    var seen = _clock.Elapsed;
                    using var document = JsonDocument.Parse(line);
                    var pod = document.RootElement.GetProperty("object");
                    if (pod.GetProperty("metadata").TryGetProperty("resourceVersion", out var rv))
                    {
                        resourceVersion = rv.GetString() ?? resourceVersion;
                    }

                    if (IsReady(pod) && pod.GetProperty("metadata").TryGetProperty("name", out var name))
                    {
                        Entry(name.GetString()!).TrySetResult(seen);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
            {
                await Task.Delay(100, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static bool IsReady(JsonElement pod) =>
        pod.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
