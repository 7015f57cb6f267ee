using System.Net;
using System.Text;
using k8s;

namespace Skiff.HollowNodes.Tests;

/// <summary>
/// Answers the client's HTTP requests in process and records them, so the code that talks to the API can be
/// tested without a server. Unanswered requests get 200 with an empty object.
/// </summary>
internal sealed class FakeApi : DelegatingHandler
{
    private readonly List<Request> _requests = [];
    private readonly Func<Request, (HttpStatusCode Code, string Body)?> _answer;

    public FakeApi(Func<Request, (HttpStatusCode Code, string Body)?>? answer = null)
    {
        _answer = answer ?? (_ => null);
        Client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://fake.invalid" }, this);
    }

    public Kubernetes Client { get; }

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static string Status(int code, string reason) =>
        $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"{{reason}}","code":{{code}}}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Request(request.Method.Method, request.RequestUri!.PathAndQuery, request.Content?.Headers.ContentType?.MediaType, body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        var (code, text) = _answer(recorded) ?? (HttpStatusCode.OK, "{}");
        return new HttpResponseMessage(code) { Content = new StringContent(text, Encoding.UTF8, "application/json"), RequestMessage = request };
    }

    internal sealed record Request(string Method, string Path, string? ContentType, string Body);
}
