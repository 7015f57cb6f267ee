using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.Handlers;

/// <summary>
/// HorizontalPodAutoscalers (autoscaling/v1 and v2) and Events (core v1 and events.k8s.io/v1) through an
/// in-process API server: written at one group-version, read, listed, watched and patched at the other.
/// </summary>
[Trait("Category", "Slow")]
public sealed class VersionConversionHttpTests : IAsyncLifetime
{
    private const string HpaV1 = "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers";
    private const string HpaV2 = "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers";
    private const string CoreEvents = "/api/v1/namespaces/default/events";
    private const string GroupEvents = "/apis/events.k8s.io/v1/namespaces/default/events";
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _http = _server.Admin;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HpaCreatedAsV2_ReadsAsV1WithCpuTargetAndOtherMetricsInAnnotations()
    {
        await CreateAsync(HpaV2, """
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":6,
                     "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":65}}},
                                {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"200Mi"}}}]}}
            """);

        var v1 = await GetAsync($"{HpaV1}/web");

        Assert.Equal("autoscaling/v1", (string?)v1["apiVersion"]);
        Assert.Equal(65, (int)v1["spec"]!["targetCPUUtilizationPercentage"]!);
        Assert.Null(v1["spec"]!["metrics"]);
        Assert.Equal(
            """[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"200Mi"}}]""",
            (string?)v1["metadata"]!["annotations"]!["autoscaling.alpha.kubernetes.io/metrics"]);
        var list = await GetAsync(HpaV1);
        Assert.Equal("HorizontalPodAutoscalerList", (string?)list["kind"]);
        Assert.Equal("autoscaling/v1", (string?)list["items"]![0]!["apiVersion"]);
        Assert.Equal(65, (int)list["items"]![0]!["spec"]!["targetCPUUtilizationPercentage"]!);
    }

    [Fact]
    public async Task HpaCreatedAsV1_IsStoredAsV2AndUpdatesThroughV1KeepV2OnlyMetrics()
    {
        var created = await CreateAsync(HpaV1, """
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"api"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"api"},"maxReplicas":3,"targetCPUUtilizationPercentage":40}}
            """);
        Assert.Equal("autoscaling/v1", (string?)created["apiVersion"]);
        Assert.Equal(40, (int)created["spec"]!["targetCPUUtilizationPercentage"]!);

        Assert.Equal("autoscaling/v2", (string?)(await StoredAsync("/registry/autoscaling/horizontalpodautoscalers/default/api"))["apiVersion"]);
        var v2 = await GetAsync($"{HpaV2}/api");
        Assert.Equal("autoscaling/v2", (string?)v2["apiVersion"]);
        Assert.Equal(1, (int)v2["spec"]!["minReplicas"]!);
        Assert.Equal("""[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":40}}}]""", v2["spec"]!["metrics"]!.ToJsonString());

        // A v2 client adds a metric v1 cannot express; a v1 client then changes the CPU target.
        var added = await PatchAsync($"{HpaV2}/api", "application/merge-patch+json", """
            {"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":40}}},
                                {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"5"}}}]}}
            """);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var patched = await PatchAsync($"{HpaV1}/api", "application/merge-patch+json", """{"spec":{"targetCPUUtilizationPercentage":75}}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var patchedV1 = (await patched.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(75, (int)patchedV1["spec"]!["targetCPUUtilizationPercentage"]!);

        var after = await GetAsync($"{HpaV2}/api");
        var metrics = after["spec"]!["metrics"]!.AsArray();
        Assert.Equal(2, metrics.Count);
        Assert.Contains(metrics, m => (string?)m!["type"] == "Pods" && (string?)m["pods"]!["metric"]!["name"] == "qps");
        Assert.Contains(metrics, m => (string?)m!["type"] == "Resource" && (int?)m["resource"]!["target"]!["averageUtilization"] == 75);
        Assert.Null(after["metadata"]!["annotations"]);
        Assert.NotEqual((string?)v2["metadata"]!["resourceVersion"], (string?)after["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task HpaUpdatedThroughV1_IsSeenByAV2Watch()
    {
        await CreateAsync(HpaV1, """{"metadata":{"name":"w"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"w"},"maxReplicas":3,"targetCPUUtilizationPercentage":50}}""");
        var rv = (string)(await GetAsync(HpaV2))["metadata"]!["resourceVersion"]!;

        using var watch = await WatchAsync($"{HpaV2}?watch=1&resourceVersion={rv}");
        var current = await GetAsync($"{HpaV1}/w");
        current["spec"]!["targetCPUUtilizationPercentage"] = 90;
        var put = await _http.PutAsync($"{HpaV1}/w", Json(current.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var evt = await NextEventAsync(watch);
        Assert.Equal("MODIFIED", (string?)evt["type"]);
        Assert.Equal("autoscaling/v2", (string?)evt["object"]!["apiVersion"]);
        Assert.Equal(90, (int)evt["object"]!["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!);
    }

    [Fact]
    public async Task EventCreatedThroughEventsGroup_ReadsListsAndSelectsAsCoreEvent()
    {
        var created = await CreateAsync(GroupEvents, """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"p.1"},
             "eventTime":"2024-05-01T10:00:00.000000Z","reportingController":"skiff/scheduler","reportingInstance":"s-1",
             "action":"Scheduling","reason":"Scheduled","regarding":{"kind":"Pod","namespace":"default","name":"p"},"note":"assigned p","type":"Normal"}
            """);
        Assert.Equal("events.k8s.io/v1", (string?)created["apiVersion"]);
        Assert.Equal("assigned p", (string?)created["note"]);

        var stored = await StoredAsync("/registry/events/default/p.1");
        Assert.Equal("v1", (string?)stored["apiVersion"]);
        Assert.Equal("assigned p", (string?)stored["message"]);
        var core = await GetAsync($"{CoreEvents}/p.1");
        Assert.Equal("v1", (string?)core["apiVersion"]);
        Assert.Equal("assigned p", (string?)core["message"]);
        Assert.Equal("p", (string?)core["involvedObject"]!["name"]);
        Assert.Equal("skiff/scheduler", (string?)core["reportingComponent"]);
        Assert.Null(core["note"]);

        var selected = await GetAsync($"{CoreEvents}?fieldSelector=involvedObject.name%3Dp,involvedObject.kind%3DPod");
        Assert.Equal("p.1", (string?)Assert.Single(selected["items"]!.AsArray())!["metadata"]!["name"]);
        Assert.Equal("v1", (string?)selected["items"]![0]!["apiVersion"]);
    }

    [Fact]
    public async Task CoreEvent_ReadsAsEventsGroupAndItsWatchSeesACorePatch()
    {
        await CreateAsync(CoreEvents, """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"n.1"},"involvedObject":{"kind":"Node","name":"n"},
             "reason":"Starting","message":"starting","source":{"component":"kubelet","host":"n"},"count":1,"type":"Normal",
             "firstTimestamp":"2024-05-01T10:00:00Z","lastTimestamp":"2024-05-01T10:00:00Z"}
            """);
        var grouped = await GetAsync($"{GroupEvents}/n.1");
        Assert.Equal("events.k8s.io/v1", (string?)grouped["apiVersion"]);
        Assert.Equal("starting", (string?)grouped["note"]);
        Assert.Equal("kubelet", (string?)grouped["deprecatedSource"]!["component"]);
        Assert.Equal(1, (int)grouped["deprecatedCount"]!);

        using var watch = await WatchAsync($"{GroupEvents}?watch=1&resourceVersion={(string)grouped["metadata"]!["resourceVersion"]!}");
        var patched = await PatchAsync($"{CoreEvents}/n.1", "application/merge-patch+json", """{"count":2,"message":"started"}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var evt = await NextEventAsync(watch);
        Assert.Equal("MODIFIED", (string?)evt["type"]);
        Assert.Equal("events.k8s.io/v1", (string?)evt["object"]!["apiVersion"]);
        Assert.Equal("started", (string?)evt["object"]!["note"]);
        Assert.Equal(2, (int)evt["object"]!["deprecatedCount"]!);

        // A patch through the events group works on its own field names.
        var groupPatch = await PatchAsync($"{GroupEvents}/n.1", "application/merge-patch+json", """{"note":"ready"}""");
        Assert.Equal(HttpStatusCode.OK, groupPatch.StatusCode);
        Assert.Equal("ready", (string?)(await GetAsync($"{CoreEvents}/n.1"))["message"]);
    }

    [Fact]
    public async Task EventsGroupList_AsTable_PrintsEventsCreatedThroughCore()
    {
        await CreateAsync(CoreEvents, """{"metadata":{"name":"t.1"},"involvedObject":{"kind":"Pod","name":"t"},"reason":"Pulled","message":"pulled","type":"Normal","count":1}""");

        using var request = new HttpRequestMessage(HttpMethod.Get, GroupEvents);
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Contains("pulled", Assert.Single(table["rows"]!.AsArray())!["cells"]!.ToJsonString());
    }

    [Fact]
    public async Task MissingEvent_IsNotFoundInTheGroupTheRequestAddressed()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"{GroupEvents}/gone")).StatusCode);

        var core = await _http.GetAsync($"{CoreEvents}/gone");
        var grouped = await _http.GetAsync($"{GroupEvents}/gone");

        Assert.Equal("events \"gone\" not found", (string?)(await core.Content.ReadFromJsonAsync<JsonObject>())!["message"]);
        Assert.Equal("events.events.k8s.io \"gone\" not found", (string?)(await grouped.Content.ReadFromJsonAsync<JsonObject>())!["message"]);
    }

    private async Task<JsonObject> CreateAsync(string path, string body)
    {
        var response = await _http.PostAsync(path, Json(body));
        var obj = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, obj.ToJsonString());
        return obj;
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        var obj = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, obj.ToJsonString());
        return obj;
    }

    private async Task<JsonObject> StoredAsync(string key)
    {
        var kv = await _server.Store.GetAsync(key);
        Assert.NotNull(kv);
        return JsonNode.Parse(kv.Value)!.AsObject();
    }

    private Task<HttpResponseMessage> PatchAsync(string path, string contentType, string body) =>
        _http.PatchAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    private async Task<StreamReader> WatchAsync(string path)
    {
        var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task<JsonObject> NextEventAsync(StreamReader watch)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await watch.ReadLineAsync(timeout.Token);
        return JsonNode.Parse(line!)!.AsObject();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
