using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Skiff.Api.Join;
using Skiff.Api.Validation;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Pki;

namespace Skiff.ApiServer.Bootstrap;

/// <summary>
/// Serves the join endpoints of <see cref="JoinProtocol"/>. They sit in front of authentication: a joining node
/// has no certificate yet, and its secret is the join token, not a user's credential.
/// </summary>
public sealed class NodeBootstrapHandler
{
    private readonly ClusterCertificates _certificates;
    private readonly JoinToken _token;
    private readonly TimeProvider _time;

    public NodeBootstrapHandler(ClusterCertificates certificates, JoinToken token, TimeProvider time)
    {
        _certificates = certificates;
        _token = token;
        _time = time;
    }

    public static bool Serves(string path) => path is JoinProtocol.CaCertsPath or JoinProtocol.ClientKubeletPath or JoinProtocol.ServingKubeletPath;

    /// <exception cref="ApiException">The request is refused (wrong token, bad node name or address).</exception>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!Serves(path))
        {
            return false;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        if (path == JoinProtocol.CaCertsPath)
        {
            await WritePemAsync(context, await File.ReadAllTextAsync(_certificates.AuthorityPath, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
            return true;
        }

        CheckSecret(context);
        var name = NodeName(context);
        var now = _time.GetUtcNow();
        using var issued = path == JoinProtocol.ClientKubeletPath
            ? CertificateFactory.CreateClient(_certificates.Authority, JoinProtocol.NodeUserPrefix + name, [JoinProtocol.NodesGroup], now)
            : CertificateFactory.CreateServing(_certificates.Authority, JoinProtocol.NodeUserPrefix + name, [name, "localhost", "127.0.0.1", .. NodeAddresses(context)], now);
        await WritePemAsync(context, PemFiles.CertificateAndKey(issued)).ConfigureAwait(false);
        return true;
    }

    private void CheckSecret(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string? secret = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && DecodeBasic(header["Basic ".Length..].Trim()) is var (user, password)
                 && user is JoinProtocol.NodeUser or JoinToken.ServerUser)
        {
            secret = password;
        }

        if (secret is null)
        {
            throw Refused("no join token presented; send it as basic auth node:<secret> or as a bearer token");
        }

        if (!_token.AcceptsSecret(secret))
        {
            throw Refused("the join token is not valid for this server");
        }
    }

    private static ApiException Refused(string why) => new(401, "Unauthorized", $"Unauthorized: {why}");

    private static (string User, string Password)? DecodeBasic(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string NodeName(HttpContext context)
    {
        var name = context.Request.Headers[JoinProtocol.NodeNameHeader].ToString();
        if (name.Length == 0)
        {
            throw ApiErrors.BadRequest($"the {JoinProtocol.NodeNameHeader} header must name the joining node");
        }

        var errors = NameValidation.IsDns1123Subdomain(name);
        if (errors.Count > 0)
        {
            throw ApiErrors.BadRequest($"invalid node name \"{name}\": {string.Join("; ", errors)}");
        }

        return name;
    }

    private static IEnumerable<string> NodeAddresses(HttpContext context)
    {
        var addresses = new List<string>();
        foreach (var value in context.Request.Headers[JoinProtocol.NodeIpHeader])
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!IPAddress.TryParse(part, out var address))
                {
                    throw ApiErrors.BadRequest($"invalid {JoinProtocol.NodeIpHeader} \"{part}\": not an IP address");
                }

                addresses.Add(address.ToString());
            }
        }

        return addresses;
    }

    private static async Task WritePemAsync(HttpContext context, string pem)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(pem, context.RequestAborted).ConfigureAwait(false);
    }
}
