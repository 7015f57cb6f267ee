using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.InProcess;

namespace Skiff.ApiServer.Tests.InProcess;

/// <summary>The in-process transport against a stand-in application: what the server sees, what the client gets back.</summary>
public sealed class InProcessHandlerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly X509Certificate2 _identity = SelfSigned();

    public void Dispose() => _identity.Dispose();

    [Fact]
    public async Task Request_ReachesTheApplication_WithMethodPathQueryHeadersAndBody()
    {
        using var http = Client(async context =>
        {
            var request = context.Request;
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "text/plain";
            context.Response.Headers["Audit-Id"] = "a1";
            await context.Response.WriteAsync(
                $"{request.Method} {request.Path.Value} {request.Query["fieldManager"]} {request.ContentType} {request.ContentLength} {request.Headers.Accept} {request.Host} {body}");
        });
        using var message = new HttpRequestMessage(HttpMethod.Post, "https://127.0.0.1:6443/api/v1/namespaces/a%20b/configmaps?fieldManager=kubectl%2Dx")
        {
            Content = new StringContent("""{"kind":"ConfigMap"}""", Encoding.UTF8, "application/json"),
        };
        message.Headers.Accept.ParseAdd("application/json");

        using var response = await http.SendAsync(message);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("a1", Assert.Single(response.Headers.GetValues("Audit-Id")));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """POST /api/v1/namespaces/a b/configmaps kubectl-x application/json; charset=utf-8 20 application/json 127.0.0.1:6443 {"kind":"ConfigMap"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_CarriesTheIdentityCertificate_AsTheTlsClientCertificate()
    {
        var seen = new List<X509Certificate2?>();
        using var http = Client(context =>
        {
            seen.Add(context.Connection.ClientCertificate);
            return Task.CompletedTask;
        });

        (await http.GetAsync("https://127.0.0.1/api")).Dispose();
        (await http.GetAsync("https://127.0.0.1/api")).Dispose();

        // The same object each time: the authenticator caches its verdict per certificate object.
        Assert.All(seen, certificate => Assert.Same(_identity, certificate));
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task Watch_EachFlushReachesTheClient_BeforeTheResponseEnds()
    {
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = Client(async context =>
        {
            await context.Response.WriteAsync("{\"type\":\"ADDED\"}\n");
            await second.Task.WaitAsync(Patience);
            await context.Response.WriteAsync("{\"type\":\"DELETED\"}\n");
        });

        using var response = await http.GetAsync("https://127.0.0.1/api/v1/pods?watch=1", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("{\"type\":\"ADDED\"}", await reader.ReadLineAsync().WaitAsync(Patience));
        second.SetResult();
        Assert.Equal("{\"type\":\"DELETED\"}", await reader.ReadLineAsync().WaitAsync(Patience));
        Assert.Null(await reader.ReadLineAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task CancellingAWatchRead_AbortsTheRequestOnTheServer()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = Client(async context =>
        {
            context.RequestAborted.Register(aborted.SetResult);
            await context.Response.WriteAsync("{\"type\":\"ADDED\"}\n");
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var cts = new CancellationTokenSource();
        using var response = await http.GetAsync("https://127.0.0.1/api/v1/pods?watch=1", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var buffer = new byte[64];
        Assert.True(await stream.ReadAsync(buffer, cts.Token) > 0);

        var pending = stream.ReadAsync(buffer, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await aborted.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task DisposingAnUnfinishedResponse_AbortsTheRequestOnTheServer()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = Client(async context =>
        {
            context.RequestAborted.Register(aborted.SetResult);
            await context.Response.WriteAsync("{\"type\":\"ADDED\"}\n");
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        var response = await http.GetAsync("https://127.0.0.1/api/v1/pods?watch=1", HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        Assert.True(await stream.ReadAsync(new byte[64]) > 0);
        Assert.False(aborted.Task.IsCompleted);

        response.Dispose();

        await aborted.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task CancellingBeforeTheResponseStarts_FailsTheSend_AndAbortsTheRequest()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = Client(async context =>
        {
            context.RequestAborted.Register(aborted.SetResult);
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var cts = new CancellationTokenSource();
        var sending = http.GetAsync("https://127.0.0.1/api/v1/pods", cts.Token);
        await entered.Task.WaitAsync(Patience);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await aborted.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task ApplicationFailingBeforeItResponds_AnswersInternalServerError()
    {
        using var http = Client(_ => throw new InvalidOperationException("boom"));

        using var response = await http.GetAsync("https://127.0.0.1/api");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ApplicationFailingMidBody_BreaksTheClientsRead()
    {
        using var http = Client(async context =>
        {
            await context.Response.WriteAsync("{\"type\":\"ADDED\"}\n");
            throw new InvalidOperationException("boom");
        });

        using var response = await http.GetAsync("https://127.0.0.1/api/v1/pods?watch=1", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await Assert.ThrowsAsync<IOException>(() => reader.ReadToEndAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task UpgradeRequest_FailsWithoutReachingTheApplication()
    {
        var reached = false;
        using var http = Client(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        using var message = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1/api/v1/namespaces/default/pods/p/exec?command=sh");
        message.Headers.Connection.Add("Upgrade");
        message.Headers.Upgrade.ParseAdd("websocket");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(message));

        Assert.Contains("upgrade", error.Message, StringComparison.Ordinal);
        Assert.False(reached);
    }

    private HttpClient Client(Func<HttpContext, Task> application) => new(new InProcessHandler(application, _identity));

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=admin, O=system:masters", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
    }
}
