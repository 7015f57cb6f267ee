using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace Skiff.ApiServer.InProcess;

/// <summary>
/// Hands each request straight to the API server's pipeline in this process, as the holder of one client certificate:
/// no TLS, no HTTP/2 framing, no loopback socket. The response streams back as the pipeline writes it, so watches work;
/// cancelling or disposing the response aborts the request on the server side.
/// </summary>
/// <remarks>
/// A <see cref="DelegatingHandler"/> because that is what KubernetesClient accepts; it never calls its inner handler.
/// </remarks>
internal sealed class InProcessHandler : DelegatingHandler
{
    private readonly Func<HttpContext, Task> _application;
    private readonly X509Certificate2 _identity;

    public InProcessHandler(Func<HttpContext, Task> application, X509Certificate2 identity)
    {
        _application = application;
        _identity = identity;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (IsUpgrade(request))
        {
            // exec, attach and port-forward need a connection to take over; only the HTTPS listener has one.
            throw new HttpRequestException(
                $"the in-process API transport cannot upgrade a connection ({request.Method} {request.RequestUri?.AbsolutePath}); use the HTTPS listener");
        }

        var body = request.Content is null ? Stream.Null : await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var exchange = new InProcessExchange(request, body, _identity);

        // The pipeline runs on its own work item with a clean execution context, as it would behind a listener: the
        // caller's async locals and synchronisation context stay on the client side.
        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Exchange.RunAsync(state.Application), (Exchange: exchange, Application: _application), preferLocal: true);
        try
        {
            await exchange.Response.Started.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            exchange.Abort();
            throw;
        }

        return exchange.ToResponseMessage(request);
    }

    private static bool IsUpgrade(HttpRequestMessage request) =>
        request.Headers.Upgrade.Count > 0 || request.Headers.Connection.Contains("Upgrade", StringComparer.OrdinalIgnoreCase);
}
