using System.Text.Json.Nodes;
using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Authorization;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Routing;

namespace Skiff.ApiServer.Handlers.Reviews;

/// <summary>
/// The create-only review resources of authentication.k8s.io and authorization.k8s.io: nothing is stored,
/// the answer is computed from the caller and the authorizer and returned with the request's spec.
/// </summary>
public sealed class ReviewHandler
{
    private readonly IAuthorizer _authorizer;
    private readonly ITokenAuthenticator _tokens;

    public ReviewHandler(IAuthorizer authorizer, ITokenAuthenticator tokens)
    {
        _authorizer = authorizer;
        _tokens = tokens;
    }

    public static bool IsReview(ApiRequest request) =>
        request.Resource.Group is "authentication.k8s.io" or "authorization.k8s.io" && request.Resource.Resource.EndsWith("reviews", StringComparison.Ordinal);

    public async Task HandleAsync(ApiRequest request, ObjectWriter writer)
    {
        if (request.Info.Verb != "create")
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var review = await RequestBody.ReadObjectAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        review["apiVersion"] = request.Resource.GroupVersion;
        review["kind"] = request.Resource.Kind;
        if (review["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            review["metadata"] = meta;
        }

        meta["creationTimestamp"] = null;
        var spec = review["spec"] as JsonObject ?? new JsonObject();
        review["status"] = request.Resource.Resource switch
        {
            "selfsubjectreviews" => new JsonObject { ["userInfo"] = UserJson(request.User) },
            "tokenreviews" => await TokenStatusAsync(spec, request.Aborted).ConfigureAwait(false),
            "selfsubjectaccessreviews" => AccessStatus(request.User, spec),
            "subjectaccessreviews" or "localsubjectaccessreviews" => AccessStatus(SubjectOf(spec), spec),
            "selfsubjectrulesreviews" => RulesStatus(),
            _ => throw ApiErrors.ResourceNotFound(),
        };
        await writer.WriteObjectAsync(request, 201, review).ConfigureAwait(false);
    }

    private async Task<JsonObject> TokenStatusAsync(JsonObject spec, CancellationToken ct)
    {
        var token = Registry.Json.Str(spec, "token");
        var user = token.Length == 0 ? null : await _tokens.AuthenticateAsync(token, ct).ConfigureAwait(false);
        if (user is null)
        {
            return new JsonObject { ["user"] = new JsonObject(), ["error"] = "invalid bearer token" };
        }

        return new JsonObject { ["authenticated"] = true, ["user"] = UserJson(user) };
    }

    private JsonObject AccessStatus(UserInfo user, JsonObject spec)
    {
        RequestInfo info;
        if (spec["resourceAttributes"] is JsonObject r)
        {
            info = new RequestInfo
            {
                IsResourceRequest = true,
                Path = string.Empty,
                Verb = Registry.Json.Str(r, "verb"),
                Group = Registry.Json.Str(r, "group"),
                Version = Registry.Json.Str(r, "version"),
                Namespace = Registry.Json.Str(r, "namespace"),
                Resource = Registry.Json.Str(r, "resource"),
                Subresource = Registry.Json.Str(r, "subresource"),
                Name = Registry.Json.Str(r, "name"),
            };
        }
        else if (spec["nonResourceAttributes"] is JsonObject n)
        {
            info = new RequestInfo { IsResourceRequest = false, Path = Registry.Json.Str(n, "path"), Verb = Registry.Json.Str(n, "verb") };
        }
        else
        {
            throw ApiErrors.Invalid(string.Empty, "SelfSubjectAccessReview", string.Empty,
                [new StatusCause("FieldValueRequired", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified", "spec.resourceAttributes")]);
        }

        var allowed = _authorizer.IsAllowed(user, info);
        var status = new JsonObject { ["allowed"] = allowed };
        if (allowed)
        {
            status["reason"] = "allowed by the skiff authorizer";
        }

        return status;
    }

    private static UserInfo SubjectOf(JsonObject spec)
    {
        var groups = spec["groups"] is JsonArray g ? g.Select(x => x?.GetValue<string>() ?? string.Empty).ToList() : [];
        return new UserInfo(Registry.Json.Str(spec, "user"), groups, Registry.Json.Str(spec, "uid"));
    }

    private static JsonObject RulesStatus() => new()
    {
        ["resourceRules"] = new JsonArray(new JsonObject
        {
            ["verbs"] = new JsonArray("*"),
            ["apiGroups"] = new JsonArray("*"),
            ["resources"] = new JsonArray("*"),
        }),
        ["nonResourceRules"] = new JsonArray(new JsonObject
        {
            ["verbs"] = new JsonArray("*"),
            ["nonResourceURLs"] = new JsonArray("*"),
        }),
        ["incomplete"] = false,
    };

    private static JsonObject UserJson(UserInfo user)
    {
        var o = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            o["uid"] = user.Uid;
        }

        var groups = new JsonArray();
        foreach (var g in user.Groups)
        {
            groups.Add(g);
        }

        o["groups"] = groups;
        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, values) in user.Extra)
            {
                extra[key] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
            }

            o["extra"] = extra;
        }

        return o;
    }
}
