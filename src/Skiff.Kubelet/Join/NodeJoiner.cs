using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Skiff.Api.Join;

namespace Skiff.Kubelet.Join;

/// <summary>
/// Joins a node as a k3s agent does: fetch the server's CA without trusting it, check it against the hash in the
/// token, then (over TLS checked against that CA) present the token for the kubelet's client and serving
/// certificates. The credentials are kept under the agent dir and reused on later starts.
/// </summary>
public static partial class NodeJoiner
{
    /// <summary>A stored client certificate this close to expiry is replaced rather than reused.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(7);

    /// <exception cref="JoinException">The server is not the one the token names, or it refused the token.</exception>
    public static async Task<NodeCredentials> LoadOrJoinAsync(JoinRequest request, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var credentials = new NodeCredentials(request.AgentDir);
        if (CanReuse(credentials, request, time))
        {
            LogReused(logger, credentials.AgentDir);
        }
        else
        {
            await JoinAsync(credentials, request, time, logger, ct).ConfigureAwait(false);
            LogJoined(logger, request.NodeName, request.Server);
        }

        KubeletKubeconfig.Write(credentials, request.Server);
        return credentials;
    }

    private static bool CanReuse(NodeCredentials credentials, JoinRequest request, TimeProvider time)
    {
        if (!credentials.AllExist || !request.Token.MatchesAuthority(File.ReadAllBytes(credentials.ServerCaPath)))
        {
            return false;
        }

        try
        {
            using var client = X509Certificate2.CreateFromPemFile(credentials.ClientCertPath, credentials.ClientKeyPath);
            return client.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == JoinProtocol.NodeUserPrefix + request.NodeName
                && client.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime + RenewBefore;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static async Task JoinAsync(NodeCredentials credentials, JoinRequest request, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var bundle = await RetryAsync(() => FetchCaBundleAsync(request.Server, ct), request, time, logger, ct).ConfigureAwait(false);
        if (!request.Token.MatchesAuthority(bundle))
        {
            throw new JoinException(
                $"the server at {request.Server} sent a CA certificate with sha256 {JoinToken.HashOf(bundle)}, but the token expects {request.Token.CaHash}: " +
                "refusing to send the token (wrong server, or a token from another cluster)");
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(Encoding.UTF8.GetString(bundle));
        try
        {
            using var http = TrustingOnly(authorities, request);
            var client = await RetryAsync(() => FetchIssuedAsync(http, request, JoinProtocol.ClientKubeletPath, "client certificate", ct), request, time, logger, ct).ConfigureAwait(false);
            var serving = await RetryAsync(() => FetchIssuedAsync(http, request, JoinProtocol.ServingKubeletPath, "serving certificate", ct), request, time, logger, ct).ConfigureAwait(false);
            Directory.CreateDirectory(credentials.AgentDir);
            PrivateFiles.Write(credentials.ClientCertPath, client.Certificates);
            PrivateFiles.Write(credentials.ClientKeyPath, client.Key);
            PrivateFiles.Write(credentials.ServingCertPath, serving.Certificates);
            PrivateFiles.Write(credentials.ServingKeyPath, serving.Key);
            PrivateFiles.Write(credentials.ClientCaPath, bundle);
            // Written last: its presence with a matching hash is what marks the set complete for reuse.
            PrivateFiles.Write(credentials.ServerCaPath, bundle);
        }
        finally
        {
            foreach (var authority in authorities)
            {
                authority.Dispose();
            }
        }
    }

    private static async Task<byte[]> FetchCaBundleAsync(Uri server, CancellationToken ct)
    {
        // Nothing is sent but the path, so the server's certificate cannot be checked yet and need not be.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(server, JoinProtocol.CaCertsPath), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await RefusedAsync(response, "its CA certificates", ct).ConfigureAwait(false);
        }

        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    private static HttpClient TrustingOnly(X509Certificate2Collection authorities, JoinRequest request)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && ChainsTo(certificate, authorities),
        };
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{JoinProtocol.NodeUser}:{request.Token.Password}"));
        http.DefaultRequestHeaders.Authorization = request.Token.Username.Length == 0
            ? new AuthenticationHeaderValue("Bearer", request.Token.Password)
            : new AuthenticationHeaderValue("Basic", basic);
        http.DefaultRequestHeaders.Add(JoinProtocol.NodeNameHeader, request.NodeName);
        if (request.NodeIps.Count > 0)
        {
            http.DefaultRequestHeaders.Add(JoinProtocol.NodeIpHeader, string.Join(',', request.NodeIps));
        }

        return http;
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static async Task<IssuedPem> FetchIssuedAsync(HttpClient http, JoinRequest request, string path, string what, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(request.Server, path), ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw new JoinException($"the server at {request.Server} presented a certificate its own CA does not vouch for: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await RefusedAsync(response, $"the node's {what}", ct).ConfigureAwait(false);
            }

            return IssuedPem.Split(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false), what);
        }
    }

    /// <summary>Server errors may pass once the server is up; anything it answers 4xx to will not.</summary>
    private static async Task<Exception> RefusedAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var message = StatusMessage(body) ?? $"HTTP {(int)response.StatusCode}";
        if ((int)response.StatusCode >= 500)
        {
            return new HttpRequestException($"the server answered {(int)response.StatusCode} for {what}: {message}", null, response.StatusCode);
        }

        return response.StatusCode == HttpStatusCode.Unauthorized
            ? new JoinException($"the server refused the join token: {message}")
            : new JoinException($"the server would not give {what}: {message}");
    }

    private static string? StatusMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject status && status["message"] is JsonValue message ? message.GetValue<string>() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Length is > 0 and < 300 ? body.Trim() : null;
        }
    }

    /// <summary>k3s agents wait for a server that is not up yet; only a refusal or a CA mismatch ends the attempt.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, JoinRequest request, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (!ct.IsCancellationRequested)
            {
                LogWaiting(logger, request.Server, e.Message);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                LogWaiting(logger, request.Server, e.Message);
            }

            await Task.Delay(request.RetryInterval, time, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "reusing the node credentials in {Directory}")]
    private static partial void LogReused(ILogger logger, string directory);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "node {Node} joined the cluster at {Server}")]
    private static partial void LogJoined(ILogger logger, string node, Uri server);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "waiting for the server at {Server}: {Reason}")]
    private static partial void LogWaiting(ILogger logger, Uri server, string reason);
}
