namespace Skiff.ApiServer.Errors;

/// <summary>
/// The Status failures kube-apiserver returns, with its reasons and message wording, so clients that
/// match on either (kubectl does) behave the same against Skiff.
/// </summary>
public static class ApiErrors
{
    /// <summary>"pods" or "deployments.apps": how upstream names a resource in messages.</summary>
    public static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";

    public static ApiException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", new StatusDetails(name, NullIfEmpty(group), resource));

    public static ApiException AlreadyExists(string group, string resource, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, resource)} \"{name}\" already exists", new StatusDetails(name, NullIfEmpty(group), resource));

    public static ApiException Conflict(string group, string resource, string name, string why =
        "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}",
            new StatusDetails(name, NullIfEmpty(group), resource));

    /// <summary>422 with per-field causes; upstream names the Kind here, not the resource.</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var summary = causes.Count switch
        {
            0 => string.Empty,
            1 => causes[0].Field is null ? causes[0].Message : $"{causes[0].Field}: {causes[0].Message}",
            _ => "[" + string.Join(", ", causes.Select(c => c.Field is null ? c.Message : $"{c.Field}: {c.Message}")) + "]",
        };
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}",
            new StatusDetails(name, NullIfEmpty(group), kind) { Causes = causes });
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Forbidden(string group, string resource, string name, string why) =>
        new(403, "Forbidden",
            name.Length == 0 ? $"{Qualified(group, resource)} is forbidden: {why}" : $"{Qualified(group, resource)} \"{name}\" is forbidden: {why}",
            new StatusDetails(NullIfEmpty(name), NullIfEmpty(group), resource));

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static ApiException ResourceNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new StatusDetails());

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException TooOldResourceVersion(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    public static ApiException RequestEntityTooLarge(string message = "the request is too large") =>
        new(413, "RequestEntityTooLarge", message);

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");

    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}",
            new StatusDetails { Causes = [new StatusCause("UnexpectedServerResponse", message)] });

    public static ApiException ServiceUnavailable(string message) => new(503, "ServiceUnavailable", message);

    public static ApiException Timeout(string message) => new(504, "Timeout", message);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
