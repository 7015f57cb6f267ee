using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Skiff.ApiServer.Tests.Handlers;

/// <summary>
/// PATCH of pods/status as kubelets send it (metadata and status only, which the server patches without copying the
/// whole pod) against the same patch taking the general path, plus the checks every status write keeps: uid, the
/// resourceVersion precondition, concurrent writers and what a status write may not change.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class StatusPatchHttpTests : IAsyncLifetime
{
    private const string Pods = "/api/v1/namespaces/default/pods";
    private const string Smp = "application/strategic-merge-patch+json";
    private const string Merge = "application/merge-patch+json";
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _http = _server.Admin;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(Smp)]
    [InlineData(Merge)]
    public async Task KubeletStatusPatch_GivesWhatTheWholeObjectPathGives(string contentType)
    {
        var lean = await PatchBothWaysAsync(contentType, RunningPatch);

        Assert.Equal("Running", (string?)lean["status"]!["phase"]);
        Assert.Equal("10.1.0.5", (string?)lean["status"]!["podIP"]);
        Assert.Equal(2, lean["metadata"]!["managedFields"]!.AsArray().Count);
        var conditions = lean["status"]!["conditions"]!.AsArray().Select(c => (string?)c!["type"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady" }, conditions);
        Assert.Equal(contentType == Smp, conditions.Contains("PodScheduled"));
    }

    [Theory]
    [InlineData(Smp, """{"metadata":{"managedFields":[{"manager":"m","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:phase":{}}}}]},"status":{"phase":"Running"}}""")]
    [InlineData(Merge, """{"metadata":{"managedFields":[]},"status":{"phase":"Running"}}""")]
    [InlineData(Smp, """{"metadata":{"labels":{"a":"b"},"annotations":{"x":"y"},"finalizers":["example.com/f"]},"status":{"phase":"Running","qosClass":null}}""")]
    [InlineData(Smp, """{"metadata":{"$retainKeys":["name","namespace"]},"status":{"$retainKeys":["phase"],"phase":"Running"}}""")]
    [InlineData(Merge, """{"metadata":null,"status":null}""")]
    [InlineData(Smp, """{"status":{"$setElementOrder/conditions":[{"type":"Ready"},{"type":"PodScheduled"}],"conditions":[{"type":"Ready","status":"False"}]}}""")]
    public async Task MetadataAndStatusPatches_GiveWhatTheWholeObjectPathGives(string contentType, string patch)
    {
        await PatchBothWaysAsync(contentType, _ => patch);
    }

    [Fact]
    public async Task StatusPatch_SetsLabelsButNotSpecOrTheServersMetadata()
    {
        var pod = await CreateBoundPodAsync("labels");

        var patched = await PatchOkAsync("labels", Smp,
            """{"metadata":{"labels":{"ready":"yes"},"generation":7,"creationTimestamp":"2000-01-01T00:00:00Z"},"status":{"phase":"Running"}}""");

        Assert.Equal("yes", (string?)patched["metadata"]!["labels"]!["ready"]);
        Assert.Equal((string?)pod["metadata"]!["creationTimestamp"], (string?)patched["metadata"]!["creationTimestamp"]);
        Assert.Null(patched["metadata"]!["generation"]);
        Assert.Equal("Running", (string?)patched["status"]!["phase"]);
        var ignored = await PatchOkAsync("labels", Smp, """{"spec":{"activeDeadlineSeconds":5},"status":{"phase":"Failed"}}""");
        Assert.Null(ignored["spec"]!["activeDeadlineSeconds"]);
        Assert.Equal("Failed", (string?)ignored["status"]!["phase"]);
    }

    [Fact]
    public async Task StatusPatch_ThatChangesNothing_KeepsTheResourceVersion()
    {
        await CreateBoundPodAsync("same");
        var first = await PatchOkAsync("same", Smp, """{"status":{"phase":"Running"}}""");

        var second = await PatchOkAsync("same", Smp, """{"status":{"phase":"Running"}}""");

        Assert.Equal((string?)first["metadata"]!["resourceVersion"], (string?)second["metadata"]!["resourceVersion"]);
    }

    [Theory]
    [InlineData(Smp)]
    [InlineData(Merge)]
    public async Task StatusPatch_OfAnotherPodsUid_IsInvalidAndChangesNothing(string contentType)
    {
        var pod = await CreateBoundPodAsync("recreated");

        var response = await PatchAsync("recreated", contentType, """{"metadata":{"uid":"6c1c4a3e-0000-4000-8000-000000000000"},"status":{"phase":"Running"}}""");

        var status = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            "Pod \"recreated\" is invalid: metadata.uid: Invalid value: \"6c1c4a3e-0000-4000-8000-000000000000\": field is immutable",
            (string?)status["message"]);
        Assert.Equal((string?)pod["metadata"]!["resourceVersion"], (string?)(await GetAsync("recreated"))["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task StatusPatch_AtAnOldResourceVersion_IsAConflict()
    {
        var pod = await CreateBoundPodAsync("stale");
        var version = (string?)pod["metadata"]!["resourceVersion"];
        await PatchOkAsync("stale", Smp, """{"status":{"phase":"Running"}}""");

        var response = await PatchAsync("stale", Smp, $$$"""{"metadata":{"resourceVersion":"{{{version}}}"},"status":{"phase":"Failed"}}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Running", (string?)(await GetAsync("stale"))["status"]!["phase"]);
    }

    [Fact]
    public async Task StatusPatch_AnswersInTheNegotiatedForm()
    {
        await CreateBoundPodAsync("forms");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{Pods}/forms/status")
        {
            Content = new StringContent("""{"status":{"phase":"Running"}}""", Encoding.UTF8, Smp),
        };
        request.Headers.Accept.ParseAdd("application/yaml");

        var yaml = await _http.SendAsync(request);
        var json = await PatchOkAsync("forms", Smp, """{"status":{"phase":"Failed"}}""");

        Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
        Assert.Equal("application/yaml", yaml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("phase: Running", await yaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Masked(await GetAsync("forms"), "forms"), Masked(json, "forms"));
    }

    [Fact]
    public async Task ConcurrentStatusPatches_AllLand()
    {
        await CreateBoundPodAsync("busy");

        // Each writer adds its own condition; a writer that loses the race re-applies its patch to the winner's pod.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => PatchOkAsync("busy", Smp,
            $$$"""{"status":{"conditions":[{"type":"example.com/c{{{i}}}","status":"True"}]}}""")));

        var types = (await GetAsync("busy"))["status"]!["conditions"]!.AsArray().Select(c => (string?)c!["type"]).ToHashSet();
        Assert.All(Enumerable.Range(0, 16), i => Assert.Contains($"example.com/c{i}", types));
    }

    /// <summary>
    /// Sends a metadata-and-status patch to one pod and the same patch with an empty spec member (which changes nothing
    /// but makes the server patch the whole pod) to a pod made alike; both responses and both stored pods must match.
    /// </summary>
    private async Task<JsonObject> PatchBothWaysAsync(string contentType, Func<string, string> patch)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (leanName, wholeName) = ($"lean-{suffix}", $"whole-{suffix}");
        var lean = await CreateBoundPodAsync(leanName);
        var whole = await CreateBoundPodAsync(wholeName);
        var wholePatch = patch(Uid(whole));
        wholePatch = wholePatch[..wholePatch.LastIndexOf('}')] + ""","spec":{}}""";

        var leanResponse = await PatchAsync(leanName, contentType, patch(Uid(lean)));
        var wholeResponse = await PatchAsync(wholeName, contentType, wholePatch);

        var leanResult = (await leanResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var wholeResult = (await wholeResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(wholeResponse.StatusCode, leanResponse.StatusCode);
        Assert.Equal(Masked(wholeResult, wholeName), Masked(leanResult, leanName));
        Assert.Equal(Masked(await GetAsync(wholeName), wholeName), Masked(await GetAsync(leanName), leanName));
        return leanResult;
    }

    private async Task<JsonObject> CreateBoundPodAsync(string name)
    {
        var created = await _http.PostAsync(Pods, new StringContent(
            $$$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{{name}}}}"},"spec":{"containers":[{"name":"c","image":"registry.k8s.io/pause:3.10","resources":{"requests":{"cpu":"100m"}}}]}}""",
            Encoding.UTF8,
            "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bound = await _http.PostAsync($"{Pods}/{name}/binding", new StringContent(
            $$$"""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"{{{name}}}"},"target":{"kind":"Node","name":"node-1"}}""",
            Encoding.UTF8,
            "application/json"));
        Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        return await GetAsync(name);
    }

    private async Task<JsonObject> GetAsync(string name)
    {
        var response = await _http.GetAsync($"{Pods}/{name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> PatchAsync(string name, string contentType, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{Pods}/{name}/status") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.UserAgent.ParseAdd("bench/1.0");
        return _http.SendAsync(request);
    }

    private async Task<JsonObject> PatchOkAsync(string name, string contentType, string body)
    {
        var response = await PatchAsync(name, contentType, body);
        var obj = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, obj.ToJsonString());
        return obj;
    }

    private static string Uid(JsonObject pod) => (string)pod["metadata"]!["uid"]!;

    private static string RunningPatch(string uid) =>
        """
        {"metadata":{"uid":"@UID@"},"status":{"phase":"Running","conditions":[
          {"type":"PodReadyToStartContainers","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"},
          {"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"},
          {"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"},
          {"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-24T06:00:01Z"}],
         "containerStatuses":[{"name":"c","image":"registry.k8s.io/pause:3.10","imageID":"registry.k8s.io/pause:3.10@sha256:abc","containerID":"hollow://abc",
           "ready":true,"started":true,"restartCount":0,"state":{"running":{"startedAt":"2026-11-24T06:00:01Z"}},"lastState":{}}],
         "hostIP":"10.0.0.1","hostIPs":[{"ip":"10.0.0.1"}],"podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}],"startTime":"2026-11-24T06:00:00Z"}}
        """.Replace("@UID@", uid, StringComparison.Ordinal);

    /// <summary>The object as JSON text with what differs between two pods made alike (name, uid, times, versions) masked.</summary>
    private static string Masked(JsonObject obj, string name)
    {
        var text = obj.ToJsonString().Replace($"\"{name}\"", "\"NAME\"", StringComparison.Ordinal);
        text = UidPattern().Replace(text, "\"uid\":\"U\"");
        text = VersionPattern().Replace(text, "\"resourceVersion\":\"V\"");
        text = TimePattern().Replace(text, "T");
        return AccessVolume().Replace(text, "kube-api-access-X");
    }

    [GeneratedRegex("\"uid\":\"[0-9a-f-]{36}\"")]
    private static partial Regex UidPattern();

    [GeneratedRegex("\"resourceVersion\":\"[0-9]+\"")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")]
    private static partial Regex TimePattern();

    [GeneratedRegex("kube-api-access-[a-z0-9]{5}")]
    private static partial Regex AccessVolume();
}
