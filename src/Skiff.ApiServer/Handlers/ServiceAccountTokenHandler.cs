using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.ServiceAccounts;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// serviceaccounts/token (TokenRequest): what <c>kubectl create token</c> and the kubelet's projected token volumes
/// call. Nothing is stored; the answer carries a freshly signed token.
/// </summary>
public sealed class ServiceAccountTokenHandler
{
    private const long DefaultExpirationSeconds = 3600;
    private const long MinExpirationSeconds = 600;
    private const long MaxExpirationSeconds = 1L << 32;

    private readonly ServiceAccountTokens _tokens;
    private readonly CoreObjectLookup _lookup;

    public ServiceAccountTokenHandler(ServiceAccountTokens tokens, CoreObjectLookup lookup)
    {
        _tokens = tokens;
        _lookup = lookup;
    }

    public async Task CreateAsync(ApiRequest request, ObjectWriter writer)
    {
        var body = await RequestBody.ReadObjectAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var spec = body["spec"] as JsonObject ?? new JsonObject();
        var expiration = ExpirationSeconds(spec, request.Name);
        var audiences = Audiences(spec);
        var account = (await request.Store.GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false)).Object;
        var (pod, secret, node) = await BindingAsync(spec["boundObjectRef"] as JsonObject, request).ConfigureAwait(false);

        var issued = _tokens.Issue(new ServiceAccountTokenRequest(
            request.Namespace, request.Name, Json.Uid(account), audiences, expiration, pod, secret, node));
        var response = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = request.Name,
                ["namespace"] = request.Namespace,
                ["creationTimestamp"] = null,
            },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["expirationSeconds"] = expiration,
                ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject
            {
                ["token"] = request.DryRun ? string.Empty : issued.Token,
                ["expirationTimestamp"] = Json.Timestamp(issued.Expires),
            },
        };
        await writer.WriteObjectAsync(request, 201, response).ConfigureAwait(false);
    }

    private static long ExpirationSeconds(JsonObject spec, string name)
    {
        var node = spec["expirationSeconds"];
        if (node is null)
        {
            return DefaultExpirationSeconds;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<long>(out var seconds))
        {
            throw ApiErrors.BadRequest("error decoding request body: spec.expirationSeconds must be an integer");
        }

        var why = seconds < MinExpirationSeconds ? "may not specify a duration less than 10 minutes"
            : seconds > MaxExpirationSeconds ? "may not specify a duration larger than 2^32 seconds"
            : null;
        return why is null
            ? seconds
            : throw ApiErrors.Invalid("authentication.k8s.io", "TokenRequest", name,
                [new StatusCause("FieldValueInvalid", $"Invalid value: {seconds}: {why}", "spec.expirationSeconds")]);
    }

    private IReadOnlyList<string> Audiences(JsonObject spec)
    {
        var requested = (spec["audiences"] as JsonArray)?
            .Select(a => a is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : string.Empty)
            .Where(a => a.Length > 0)
            .ToList();
        return requested is { Count: > 0 } ? requested : _tokens.ApiAudiences;
    }

    private async Task<(TokenBinding? Pod, TokenBinding? Secret, TokenBinding? Node)> BindingAsync(JsonObject? reference, ApiRequest request)
    {
        if (reference is null)
        {
            return (null, null, null);
        }

        var kind = Json.Str(reference, "kind");
        var apiVersion = Json.Str(reference, "apiVersion");
        var name = Json.Str(reference, "name");
        var uid = Json.Str(reference, "uid");
        var resource = apiVersion is "v1" or "" ? kind switch
        {
            "Pod" => "pods",
            "Secret" => "secrets",
            "Node" => "nodes",
            _ => null,
        } : null;
        if (resource is null)
        {
            throw ApiErrors.BadRequest($"cannot bind token for serviceaccount \"{request.Name}\" to object of type {apiVersion}, Kind={kind}");
        }

        var target = await _lookup.GetAsync(resource, request.Namespace, name, request.Aborted).ConfigureAwait(false)
            ?? throw ApiErrors.NotFound(string.Empty, resource, name);
        var actualUid = Json.Uid(target);
        if (uid.Length > 0 && uid != actualUid)
        {
            throw ApiErrors.Conflict(string.Empty, kind, name,
                $"the UID in the bound object reference ({uid}) does not match the UID in record. The object might have been deleted and then recreated");
        }

        var binding = new TokenBinding(kind, name, actualUid);
        switch (kind)
        {
            case "Pod":
                var podAccount = Json.Str(target["spec"], "serviceAccountName");
                if (podAccount.Length > 0 && podAccount != request.Name)
                {
                    throw ApiErrors.BadRequest($"cannot bind token for serviceaccount \"{request.Name}\" to pod \"{name}\" which runs as serviceaccount \"{podAccount}\"");
                }

                // Upstream also names the pod's node in the token, so the node can be checked at authentication.
                var nodeName = Json.Str(target["spec"], "nodeName");
                var node = nodeName.Length == 0 ? null : await _lookup.GetAsync("nodes", string.Empty, nodeName, request.Aborted).ConfigureAwait(false);
                return (binding, null, node is null ? null : new TokenBinding("Node", nodeName, Json.Uid(node)));
            case "Secret":
                return (null, binding, null);
            default:
                return (null, null, binding);
        }
    }
}
