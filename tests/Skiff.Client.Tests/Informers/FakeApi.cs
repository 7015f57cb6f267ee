using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Skiff.Client.Tests.Informers;

/// <summary>
/// A scripted API server behind the real KubernetesClient: list and watch requests take the next scripted answer;
/// once the watch script runs out, a watch stays open (until cancelled) and can be fed through <see cref="Live"/>.
/// </summary>
internal sealed class FakeApi : DelegatingHandler
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _lists = new();
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _watches = new();

    public ConcurrentQueue<Uri> Requests { get; } = new();

    /// <summary>Writes as "METHOD path", with the body sent.</summary>
    public ConcurrentQueue<(string Request, string Body)> Writes { get; } = new();

    /// <summary>The writer of the watch that is currently held open, if any.</summary>
    public Pipe? Live { get; private set; }

    public Kubernetes NewClient() => new(new KubernetesClientConfiguration { Host = "http://fake.invalid" }, this);

    public FakeApi List(string resourceVersion, string? continueToken, params string[] items)
    {
        var body = new JsonObject
        {
            ["kind"] = "PodList",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion, ["continue"] = continueToken },
            ["items"] = new JsonArray([.. items.Select(i => JsonNode.Parse(i))]),
        };
        _lists.Enqueue(() => Json(HttpStatusCode.OK, body.ToJsonString()));
        return this;
    }

    public FakeApi Watch(params string[] lines)
    {
        _watches.Enqueue(() => Json(HttpStatusCode.OK, string.Join('\n', lines) + "\n"));
        return this;
    }

    public FakeApi WatchStatus(HttpStatusCode code, string reason)
    {
        _watches.Enqueue(() => Json(code, $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"{{reason}}","code":{{(int)code}}}"""));
        return this;
    }

    public static string Pod(string name, string rv) => $$$"""{"metadata":{"name":"{{{name}}}","namespace":"default","resourceVersion":"{{{rv}}}"}}""";

    public static string Event(string type, string obj) => $$"""{"type":"{{type}}","object":{{obj}}}""";

    public static string Bookmark(string rv) => Event("BOOKMARK", $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"{{{rv}}}"}}""");

    public static string Expired() => Event("ERROR", """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","message":"too old resource version","code":410}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            // Writes succeed and answer with what was sent, as far as a client can tell.
            var body = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
            Writes.Enqueue(($"{request.Method} {request.RequestUri!.AbsolutePath}", body));
            var response = Json(request.Method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK, body);
            response.RequestMessage = request;
            return response;
        }

        return Get(request);
    }

    private HttpResponseMessage Get(HttpRequestMessage request)
    {
        Requests.Enqueue(request.RequestUri!);
        var watch = request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal);
        if (watch)
        {
            if (_watches.TryDequeue(out var scripted))
            {
                return scripted();
            }

            var pipe = new Pipe();
            Live = pipe;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) };
        }

        return _lists.TryDequeue(out var list) ? list() : Json(HttpStatusCode.InternalServerError, "{}");
    }

    private static HttpResponseMessage Json(HttpStatusCode code, string body) =>
        new(code) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
