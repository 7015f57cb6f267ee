using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.ServiceAccounts;

/// <summary>serviceaccounts/token and service account bearer tokens through an in-process API server.</summary>
[Trait("Category", "Slow")]
public sealed class TokenRequestHttpTests : IAsyncLifetime
{
    private LoopbackApiServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _admin = _server.Admin;
        var created = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts", Json("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"builder"}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TokenRequest_ReturnsATokenThatAuthenticatesAsTheServiceAccount()
    {
        var response = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts/builder/token", Json("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("TokenRequest", (string?)request!["kind"]);
        Assert.Equal(3600, (long)request["spec"]!["expirationSeconds"]!);
        Assert.Equal("https://kubernetes.default.svc.cluster.local", (string?)request["spec"]!["audiences"]![0]);
        var token = (string)request["status"]!["token"]!;

        using var asAccount = _server.Client(token);
        var whoami = await asAccount.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews", Json("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"""));
        Assert.Equal(HttpStatusCode.Created, whoami.StatusCode);
        var user = (await whoami.Content.ReadFromJsonAsync<JsonObject>())!["status"]!["userInfo"]!;
        Assert.Equal("system:serviceaccount:default:builder", (string?)user["username"]);
        Assert.Contains("system:serviceaccounts:default", user["groups"]!.AsArray().Select(g => (string?)g));

        var review = await _admin.PostAsync("/apis/authentication.k8s.io/v1/tokenreviews", Json($$$"""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"{{{token}}}"}}"""));
        var reviewed = (await review.Content.ReadFromJsonAsync<JsonObject>())!["status"]!;
        Assert.True((bool)reviewed["authenticated"]!);
        Assert.Equal("system:serviceaccount:default:builder", (string?)reviewed["user"]!["username"]);
    }

    [Fact]
    public async Task TokenRequest_ShorterThanTenMinutes_IsInvalid()
    {
        var response = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts/builder/token", Json("""{"spec":{"expirationSeconds":60}}"""));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("TokenRequest.authentication.k8s.io \"builder\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes", (string?)status!["message"]);
        Assert.Equal("spec.expirationSeconds", (string?)status["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task TokenRequest_ForAMissingServiceAccount_IsNotFound()
    {
        var response = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts/ghost/token", Json("""{"spec":{}}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("serviceaccounts \"ghost\" not found", (string?)status!["message"]);
    }

    [Fact]
    public async Task PodBoundToken_StopsWorkingWhenThePodIsGone()
    {
        var pod = await _admin.PostAsync("/api/v1/namespaces/default/pods", Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"runner"},"spec":{"serviceAccountName":"builder","containers":[{"name":"c","image":"busybox"}]}}"""));
        Assert.Equal(HttpStatusCode.Created, pod.StatusCode);
        var uid = (string)(await pod.Content.ReadFromJsonAsync<JsonObject>())!["metadata"]!["uid"]!;

        var wrongUid = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts/builder/token", Json("""{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"runner","uid":"not-the-uid"}}}"""));
        Assert.Equal(HttpStatusCode.Conflict, wrongUid.StatusCode);

        var response = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts/builder/token", Json($$$$"""{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"runner","uid":"{{{{uid}}}}"}}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var asPod = _server.Client((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await asPod.GetAsync("/api/v1/namespaces/default/pods")).StatusCode);

        var deleted = await _admin.DeleteAsync("/api/v1/namespaces/default/pods/runner?gracePeriodSeconds=0");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var after = await asPod.GetAsync("/api/v1/namespaces/default/pods");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task TokenRequest_BoundToAnUnsupportedKind_IsABadRequest()
    {
        var response = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts/builder/token", Json("""{"spec":{"boundObjectRef":{"kind":"ConfigMap","apiVersion":"v1","name":"x"}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NewPod_GetsTheDefaultAccountAndAKubeApiAccessVolumeInEveryContainer()
    {
        var created = await _admin.PostAsync("/api/v1/namespaces/default/pods", Json("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"plain"},"spec":{
              "initContainers":[{"name":"init","image":"busybox"}],
              "containers":[{"name":"c","image":"busybox"},{"name":"own","image":"busybox","volumeMounts":[{"name":"mine","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}]}],
              "volumes":[{"name":"mine","emptyDir":{}}]}}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var spec = (await created.Content.ReadFromJsonAsync<JsonObject>())!["spec"]!;

        Assert.Equal("default", (string?)spec["serviceAccountName"]);
        Assert.Equal("default", (string?)spec["serviceAccount"]);
        var volume = spec["volumes"]!.AsArray().Single(v => ((string)v!["name"]!).StartsWith("kube-api-access-", StringComparison.Ordinal))!;
        Assert.Matches("^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$", (string)volume["name"]!);
        var sources = volume["projected"]!["sources"]!.AsArray();
        Assert.Equal(3607, (long)sources[0]!["serviceAccountToken"]!["expirationSeconds"]!);
        Assert.Equal("kube-root-ca.crt", (string?)sources[1]!["configMap"]!["name"]);
        Assert.Equal("metadata.namespace", (string?)sources[2]!["downwardAPI"]!["items"]![0]!["fieldRef"]!["fieldPath"]);
        string[] MountNames(JsonNode container) => [.. (container["volumeMounts"]?.AsArray() ?? []).Select(m => (string)m!["name"]!)];
        Assert.Equal([(string)volume["name"]!], MountNames(spec["initContainers"]![0]!));
        Assert.Equal([(string)volume["name"]!], MountNames(spec["containers"]![0]!));
        Assert.Equal(["mine"], MountNames(spec["containers"]![1]!));
    }

    [Fact]
    public async Task PodOrAccountOptingOut_GetsNoTokenVolume()
    {
        await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts", Json("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"quiet"},"automountServiceAccountToken":false}"""));

        var byAccount = await _admin.PostAsync("/api/v1/namespaces/default/pods", Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"quiet-pod"},"spec":{"serviceAccountName":"quiet","containers":[{"name":"c","image":"busybox"}]}}"""));
        var byPod = await _admin.PostAsync("/api/v1/namespaces/default/pods", Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"opt-out"},"spec":{"automountServiceAccountToken":false,"containers":[{"name":"c","image":"busybox"}]}}"""));
        var podWins = await _admin.PostAsync("/api/v1/namespaces/default/pods", Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"opt-in"},"spec":{"serviceAccountName":"quiet","automountServiceAccountToken":true,"containers":[{"name":"c","image":"busybox"}]}}"""));

        Assert.Null((await byAccount.Content.ReadFromJsonAsync<JsonObject>())!["spec"]!["volumes"]);
        Assert.Null((await byPod.Content.ReadFromJsonAsync<JsonObject>())!["spec"]!["volumes"]);
        Assert.Single((await podWins.Content.ReadFromJsonAsync<JsonObject>())!["spec"]!["volumes"]!.AsArray());
    }

    [Fact]
    public async Task IssuerDiscovery_PublishesTheKeyThatVerifiesIssuedTokens()
    {
        var configuration = await _admin.GetFromJsonAsync<JsonObject>("/.well-known/openid-configuration");
        Assert.Equal("https://kubernetes.default.svc.cluster.local", (string?)configuration!["issuer"]);
        Assert.Equal("https://kubernetes.default.svc.cluster.local/openid/v1/jwks", (string?)configuration["jwks_uri"]);

        var keys = await _admin.GetAsync("/openid/v1/jwks");
        Assert.Equal("application/jwk-set+json", keys.Content.Headers.ContentType!.MediaType);
        var key = (await keys.Content.ReadFromJsonAsync<JsonObject>())!["keys"]![0]!;
        var issued = await _admin.PostAsync("/api/v1/namespaces/default/serviceaccounts/builder/token", Json("""{"spec":{}}"""));
        var token = (string)(await issued.Content.ReadFromJsonAsync<JsonObject>())!["status"]!["token"]!;

        // An outside verifier needs nothing but the published key set.
        var parts = token.Split('.');
        Assert.Equal("EC", (string?)key["kty"]);
        Assert.Equal("ES256", (string?)key["alg"]);
        Assert.Equal(new JsonArray("ES256").ToJsonString(), configuration["id_token_signing_alg_values_supported"]!.ToJsonString());
        using var ec = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint
            {
                X = System.Buffers.Text.Base64Url.DecodeFromChars((string)key["x"]!),
                Y = System.Buffers.Text.Base64Url.DecodeFromChars((string)key["y"]!),
            },
        });
        Assert.True(ec.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]),
            System.Security.Cryptography.HashAlgorithmName.SHA256));
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal((string?)key["kid"], (string?)header["kid"]);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
