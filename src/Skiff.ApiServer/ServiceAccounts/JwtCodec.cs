using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>Compact JSON Web Tokens signed with the service account key: what kube-apiserver issues for service accounts and checks on the way in.</summary>
public sealed class JwtCodec
{
    private readonly ServiceAccountKey _key;

    public JwtCodec(ServiceAccountKey key)
    {
        _key = key;
    }

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = _key.Algorithm, ["kid"] = _key.KeyId };
        var signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>The claims of a token signed by our key, or null for anything else (other issuers' JWTs, garbage).</summary>
    public JsonObject? Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var header = Parse(parts[0]);
        if (header is null || header["alg"]?.GetValueKind() != JsonValueKind.String || (string?)header["alg"] != _key.Algorithm)
        {
            return null;
        }

        var signature = Base64Url.TryDecode(parts[2]);
        if (signature is null)
        {
            return null;
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        return _key.Verify(signed, signature) ? Parse(parts[1]) : null;
    }

    private static JsonObject? Parse(string part)
    {
        var bytes = Base64Url.TryDecode(part);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
