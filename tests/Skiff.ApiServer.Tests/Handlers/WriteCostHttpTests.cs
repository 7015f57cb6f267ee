using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Skiff.ApiServer.Tests.Handlers;

/// <summary>
/// The four writes every scheduled pod costs (create, binding, the Running status patch, a Lease renewal), sent to an
/// in-process API server; every one must succeed. Prints the process's allocations and CPU time per request of each kind as a measurement. With
/// SKIFF_WRITE_DUMP set, every response (uids and times masked) goes to that file, to diff two builds byte for byte.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class WriteCostHttpTests : IAsyncLifetime
{
    private const int Pods = 500;
    private readonly ITestOutputHelper _output;
    private readonly StringBuilder _dump = new();
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public WriteCostHttpTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _http = _server.Admin;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("bench/1.0");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PodLifecycleWrites_PrintAllocationsPerRequest()
    {
        await SendAsync(HttpMethod.Post, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}""");

        // The first round warms up the JIT; the second one is measured.
        foreach (var round in (string[])["warm", "measured"])
        {
            var create = await MeasureAsync(i => SendAsync(HttpMethod.Post, "/api/v1/namespaces/bench/pods", Pod(round, i)));
            var bind = await MeasureAsync(i => SendAsync(HttpMethod.Post, $"/api/v1/namespaces/bench/pods/{round}-{i}/binding", Binding(round, i)));
            var uids = new string[Pods];
            for (var i = 0; i < Pods; i++)
            {
                var pod = JsonNode.Parse(await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/bench/pods/{round}-{i}", null, dump: false))!;
                uids[i] = (string)pod["metadata"]!["uid"]!;
            }

            var status = await MeasureAsync(i => SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/bench/pods/{round}-{i}/status", RunningPatch(uids[i]), "application/strategic-merge-patch+json"));
            var versions = new string[Pods];
            for (var i = 0; i < Pods; i++)
            {
                var lease = JsonNode.Parse(await SendAsync(HttpMethod.Post, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", Lease(round, i, null, 0)))!;
                versions[i] = (string)lease["metadata"]!["resourceVersion"]!;
            }

            var renew = await MeasureAsync(async i =>
            {
                var lease = JsonNode.Parse(await SendAsync(HttpMethod.Put, $"/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/{round}-{i}", Lease(round, i, versions[i], 1)))!;
                versions[i] = (string)lease["metadata"]!["resourceVersion"]!;
                return string.Empty;
            });
            _output.WriteLine($"{round}: create {create}, binding {bind}, status patch {status}, lease put {renew} per request (process allocations and CPU, client included)");
        }

        if (Environment.GetEnvironmentVariable("SKIFF_WRITE_DUMP") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, _dump.ToString());
        }
    }

    private static async Task<string> MeasureAsync(Func<int, Task<string>> send)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Pods; i++)
        {
            await send(i);
        }

        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / Pods;
        process.Refresh();
        var micros = (process.TotalProcessorTime - cpu).TotalMicroseconds / Pods;
        return $"{bytes:N0} B {micros:N0} us";
    }

    private async Task<string> SendAsync(HttpMethod method, string path, string? body, string contentType = "application/json", bool dump = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        if (dump)
        {
            var normalized = Timestamp().Replace(Uid().Replace(text, "\"uid\":\"U\""), "T");
            _dump.Append(method).Append(' ').Append(path).Append(' ').Append((int)response.StatusCode).Append('\n').Append(normalized).Append('\n');
        }

        return text;
    }

    private static string Pod(string round, int i) =>
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"@NAME@","namespace":"bench"},"spec":{"containers":[{"name":"c","image":"registry.k8s.io/pause:3.10","resources":{"requests":{"cpu":"100m","memory":"500Mi"}}}]}}""".Replace("@NAME@", $"{round}-{i}", StringComparison.Ordinal);

    private static string Binding(string round, int i) =>
        """{"kind":"Binding","apiVersion":"v1","metadata":{"name":"@NAME@","namespace":"bench","uid":"x"},"target":{"kind":"Node","name":"node-@NODE@"}}""".Replace("@NAME@", $"{round}-{i}", StringComparison.Ordinal).Replace("@NODE@", $"{i % 7}", StringComparison.Ordinal);

    private static string RunningPatch(string uid) =>
        """{"metadata":{"uid":"@UID@"},"status":{"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"},{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"},{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:00Z"}],"containerStatuses":[{"name":"c","image":"registry.k8s.io/pause:3.10","imageID":"registry.k8s.io/pause:3.10@sha256:abc","containerID":"hollow://abc","ready":true,"started":true,"restartCount":0,"state":{"running":{"startedAt":"2026-11-24T06:00:01Z"}},"lastState":{}}],"hostIP":"10.0.0.1","hostIPs":[{"ip":"10.0.0.1"}],"podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}],"startTime":"2026-11-24T06:00:00Z","qosClass":"Burstable"}}""".Replace("@UID@", uid, StringComparison.Ordinal);

    private static string Lease(string round, int i, string? resourceVersion, int renewal)
    {
        var rv = resourceVersion is null ? string.Empty : $",\"resourceVersion\":\"{resourceVersion}\"";
        var at = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero).AddSeconds(renewal * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"@NAME@","namespace":"kube-node-lease"@RV@,"ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"@NAME@","uid":"node-@NAME@"}]},"spec":{"holderIdentity":"@NAME@","leaseDurationSeconds":40,"renewTime":"@AT@"}}""".Replace("@NAME@", $"{round}-{i}", StringComparison.Ordinal).Replace("@RV@", rv, StringComparison.Ordinal).Replace("@AT@", at, StringComparison.Ordinal);
    }

    [GeneratedRegex("\"uid\":\"[0-9a-f-]{36}\"")]
    private static partial Regex Uid();

    [GeneratedRegex("20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")]
    private static partial Regex Timestamp();
}
