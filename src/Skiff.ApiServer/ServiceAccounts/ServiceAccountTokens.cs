using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Authentication;

namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>
/// Issues bound service account tokens and authenticates them: the signature, issuer, audience and lifetime must
/// hold, and the service account (and the pod, secret or node the token is bound to) must still exist with the same
/// uid, so deleting a pod revokes the tokens it was given.
/// </summary>
public sealed class ServiceAccountTokens : ITokenAuthenticator
{
    public const string ServiceAccountPrefix = "system:serviceaccount:";

    private readonly JwtCodec _jwt;
    private readonly string _issuer;
    private readonly IReadOnlyList<string> _apiAudiences;
    private readonly CoreObjectLookup? _lookup;
    private readonly TimeProvider _time;

    public ServiceAccountTokens(JwtCodec jwt, string issuer, IReadOnlyList<string> apiAudiences, CoreObjectLookup? lookup, TimeProvider time)
    {
        _jwt = jwt;
        _issuer = issuer;
        _apiAudiences = apiAudiences;
        _lookup = lookup;
        _time = time;
    }

    /// <summary>Who the API server itself accepts tokens for; a TokenRequest without audiences gets these.</summary>
    public IReadOnlyList<string> ApiAudiences => _apiAudiences;

    public (string Token, DateTimeOffset Expires) Issue(ServiceAccountTokenRequest request)
    {
        var now = _time.GetUtcNow();
        var expires = now.AddSeconds(request.ExpirationSeconds);
        var scoped = new JsonObject { ["namespace"] = request.Namespace };
        AddBinding(scoped, "node", request.Node);
        AddBinding(scoped, "pod", request.Pod);
        AddBinding(scoped, "secret", request.Secret);
        scoped["serviceaccount"] = new JsonObject { ["name"] = request.ServiceAccountName, ["uid"] = request.ServiceAccountUid };
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. request.Audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = _issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = scoped,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = ServiceAccountPrefix + request.Namespace + ":" + request.ServiceAccountName,
        };
        return (_jwt.Sign(claims), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    public async ValueTask<UserInfo?> AuthenticateAsync(string token, CancellationToken ct)
    {
        if (_jwt.Verify(token) is not { } claims || !Valid(claims))
        {
            return null;
        }

        if (claims["kubernetes.io"] is not JsonObject k8s || k8s["serviceaccount"] is not JsonObject sa)
        {
            return null;
        }

        var ns = Str(k8s, "namespace");
        var name = Str(sa, "name");
        var uid = Str(sa, "uid");
        if (ns.Length == 0 || name.Length == 0 || Str(claims, "sub") != ServiceAccountPrefix + ns + ":" + name)
        {
            return null;
        }

        var pod = k8s["pod"] as JsonObject;
        var secret = k8s["secret"] as JsonObject;
        var node = k8s["node"] as JsonObject;
        if (_lookup is not null
            && (!await StillLiveAsync("serviceaccounts", ns, sa, ct).ConfigureAwait(false)
                || (pod is not null && !await StillLiveAsync("pods", ns, pod, ct).ConfigureAwait(false))
                || (secret is not null && !await StillLiveAsync("secrets", ns, secret, ct).ConfigureAwait(false))
                || (pod is null && node is not null && !await StillLiveAsync("nodes", string.Empty, node, ct).ConfigureAwait(false))))
        {
            return null;
        }

        var extra = new Dictionary<string, IReadOnlyList<string>>();
        if (Str(claims, "jti") is { Length: > 0 } jti)
        {
            extra["authentication.kubernetes.io/credential-id"] = ["JTI=" + jti];
        }

        AddExtra(extra, "node", node);
        AddExtra(extra, "pod", pod);
        return new UserInfo(ServiceAccountPrefix + ns + ":" + name, ["system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"], uid)
        {
            Extra = extra,
        };
    }

    private bool Valid(JsonObject claims)
    {
        if (Str(claims, "iss") != _issuer)
        {
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Number(claims, "exp") is not { } exp || now >= exp || (Number(claims, "nbf") is { } nbf && now < nbf))
        {
            return false;
        }

        var audiences = claims["aud"] switch
        {
            JsonArray list => list.Select(a => a?.GetValueKind() == JsonValueKind.String ? (string?)a : null).OfType<string>().ToList(),
            JsonValue one when one.GetValueKind() == JsonValueKind.String => [(string)one!],
            _ => [],
        };
        return audiences.Intersect(_apiAudiences, StringComparer.Ordinal).Any();
    }

    /// <summary>
    /// The object must exist with the token's uid; one whose deletion time has passed no longer counts (a pod in its
    /// grace period still does, as upstream, so preStop hooks can still call the API).
    /// </summary>
    private async Task<bool> StillLiveAsync(string resource, string ns, JsonObject reference, CancellationToken ct)
    {
        var current = await _lookup!.GetAsync(resource, ns, Str(reference, "name"), ct).ConfigureAwait(false);
        if (current is null || Registry.Json.Uid(current) != Str(reference, "uid"))
        {
            return false;
        }

        var deletion = Str(current["metadata"], "deletionTimestamp");
        return deletion.Length == 0 || !DateTimeOffset.TryParse(deletion, System.Globalization.CultureInfo.InvariantCulture, out var at) || at > _time.GetUtcNow();
    }

    private static void AddBinding(JsonObject target, string key, TokenBinding? binding)
    {
        if (binding is not null)
        {
            target[key] = new JsonObject { ["name"] = binding.Name, ["uid"] = binding.Uid };
        }
    }

    private static void AddExtra(Dictionary<string, IReadOnlyList<string>> extra, string kind, JsonObject? reference)
    {
        if (reference is not null)
        {
            extra[$"authentication.kubernetes.io/{kind}-name"] = [Str(reference, "name")];
            extra[$"authentication.kubernetes.io/{kind}-uid"] = [Str(reference, "uid")];
        }
    }

    private static string Str(JsonNode? node, string key) =>
        node?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : string.Empty;

    private static long? Number(JsonObject node, string key) =>
        node[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;
}
