using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.Hosting;

namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>
/// Service account issuer discovery: the OpenID provider configuration and the key set that verifies service account
/// tokens, so other systems (Vault, cloud workload identity) can trust tokens the cluster issues.
/// </summary>
public sealed class IssuerDiscoveryHandler : INonResourceHandler
{
    public const string ConfigurationPath = "/.well-known/openid-configuration";
    public const string KeySetPath = "/openid/v1/jwks";

    private readonly byte[] _configuration;
    private readonly byte[] _keySet;

    public IssuerDiscoveryHandler(string issuer, ServiceAccountKey key)
    {
        // Upstream derives the key set's address from the issuer unless told otherwise.
        _configuration = Serialize(new JsonObject
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer.TrimEnd('/') + KeySetPath,
            ["response_types_supported"] = new JsonArray("id_token"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray(key.Algorithm),
        });
        _keySet = Serialize(new JsonObject { ["keys"] = new JsonArray(key.PublicJwk()) });
    }

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return false;
        }

        var (body, type) = context.Request.Path.Value switch
        {
            ConfigurationPath => (_configuration, "application/json"),
            KeySetPath => (_keySet, "application/jwk-set+json"),
            _ => (null, string.Empty),
        };
        if (body is null)
        {
            return false;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private static byte[] Serialize(JsonObject document) => System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
}
