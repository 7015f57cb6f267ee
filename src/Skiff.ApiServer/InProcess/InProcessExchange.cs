using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Skiff.ApiServer.InProcess;

/// <summary>One request served in process: the server-side context built from the client's message, and its run.</summary>
internal sealed class InProcessExchange
{
    private readonly CancellationTokenSource _aborted = new();
    private int _finished;

    public InProcessExchange(HttpRequestMessage request, Stream body, X509Certificate2 identity)
    {
        Response = new InProcessResponse();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(RequestFeature(request, body));
        features.Set<IHttpResponseFeature>(Response);
        features.Set<IHttpResponseBodyFeature>(Response);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = _aborted.Token });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            RemoteIpAddress = IPAddress.Loopback,
            LocalIpAddress = IPAddress.Loopback,
            LocalPort = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Port : 0,
        });

        // The authenticator reads the certificate from the TLS feature, as it would after a handshake, and caches its
        // verdict per certificate object: every in-process request presents the same one.
        features.Set<ITlsConnectionFeature>(new TlsConnectionFeature { ClientCertificate = identity });
        Context = new DefaultHttpContext(features);
    }

    public HttpContext Context { get; }

    public InProcessResponse Response { get; }

    public async Task RunAsync(Func<HttpContext, Task> application)
    {
        try
        {
            await application(Context).ConfigureAwait(false);
            await Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await Response.FailAsync(e).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _finished, 1);
        }
    }

    /// <summary>The client went away: the request's <see cref="HttpContext.RequestAborted"/> fires, as on a reset stream.</summary>
    public void Abort()
    {
        if (Volatile.Read(ref _finished) == 0)
        {
            _aborted.Cancel();
        }
    }

    public HttpResponseMessage ToResponseMessage(HttpRequestMessage request)
    {
        var message = new HttpResponseMessage((HttpStatusCode)Response.StatusCode)
        {
            RequestMessage = request,
            Version = HttpVersion.Version20,
            Content = new StreamContent(new ResponseBodyStream(Response.Reader, Abort)),
        };
        if (Response.ReasonPhrase is { } reason)
        {
            message.ReasonPhrase = reason;
        }

        // Headers are read-only once the response started, so reading them here races with nothing.
        foreach (var (name, values) in Response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return message;
    }

    private static HttpRequestFeature RequestFeature(HttpRequestMessage request, Stream body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("the request has no URI");
        var feature = new HttpRequestFeature
        {
            Protocol = "HTTP/2",
            Scheme = uri.Scheme,
            Method = request.Method.Method,
            PathBase = string.Empty,
            Path = PathString.FromUriComponent(uri.AbsolutePath).Value ?? "/",
            QueryString = uri.Query,
            RawTarget = uri.PathAndQuery,
            Body = body,
        };
        var headers = feature.Headers;
        headers.Host = uri.Authority;
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            headers[name] = Values(values);
        }

        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                headers[name] = Values(values);
            }

            // Computed on first read for buffered content, so it may not be among the headers enumerated above.
            headers.ContentLength = content.Headers.ContentLength;
        }

        return feature;
    }

    private static Microsoft.Extensions.Primitives.StringValues Values(System.Net.Http.Headers.HeaderStringValues values) =>
        values.Count == 1 ? values.ToString() : values.ToArray();
}
