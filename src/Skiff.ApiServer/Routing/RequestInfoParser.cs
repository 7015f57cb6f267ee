namespace Skiff.ApiServer.Routing;

/// <summary>Turns a method, path and query into a <see cref="RequestInfo"/>, following kube-apiserver's rules.</summary>
public static class RequestInfoParser
{
    public static RequestInfo Parse(string method, string path, bool watchQuery)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var nonResource = new RequestInfo { IsResourceRequest = false, Path = path, Verb = method.ToLowerInvariant() };
        if (parts.Length < 3 || (parts[0] != "api" && parts[0] != "apis"))
        {
            return nonResource;
        }

        var prefix = parts[0];
        var i = 1;
        var group = string.Empty;
        if (prefix == "apis")
        {
            if (parts.Length < 4)
            {
                return nonResource;
            }

            group = parts[i++];
        }

        var version = parts[i++];
        var rest = parts[i..];

        // The old /watch/ path form is still accepted upstream.
        var watchPath = false;
        if (rest.Length > 0 && rest[0] == "watch")
        {
            watchPath = true;
            rest = rest[1..];
        }

        if (rest.Length == 0)
        {
            return nonResource;
        }

        string ns = string.Empty, resource, name = string.Empty, sub = string.Empty;
        if (rest[0] == "namespaces" && rest.Length >= 3 && rest[2] != "status" && rest[2] != "finalize")
        {
            // namespaces/{ns}/{resource}[/{name}[/{subresource}]]
            ns = rest[1];
            resource = rest[2];
            if (rest.Length >= 4)
            {
                name = rest[3];
            }

            if (rest.Length >= 5)
            {
                sub = string.Join('/', rest[4..]);
            }
        }
        else
        {
            resource = rest[0];
            if (rest.Length >= 2)
            {
                name = rest[1];
            }

            if (rest.Length >= 3)
            {
                sub = string.Join('/', rest[2..]);
            }

            // /api/v1/namespaces/{name}: the namespace object itself, whose name is also its namespace.
            if (resource == "namespaces" && name.Length > 0)
            {
                ns = name;
            }
        }

        var verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => watchPath || watchQuery ? "watch" : name.Length > 0 ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name.Length > 0 ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };

        return new RequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            Verb = verb,
            ApiPrefix = prefix,
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = sub,
        };
    }
}
