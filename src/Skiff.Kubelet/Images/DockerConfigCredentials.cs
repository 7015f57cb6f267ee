using System.Text;
using System.Text.Json;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Images;

/// <summary>
/// Credentials from imagePullSecrets: <c>.dockerconfigjson</c> (<c>{"auths": {...}}</c>) and the legacy
/// <c>.dockercfg</c> (the auths map itself), matched to an image's registry as kubelet's keyring does.
/// </summary>
public static class DockerConfigCredentials
{
    /// <summary>Every credential in <paramref name="json"/> whose key matches the image's registry and path.</summary>
    public static IReadOnlyList<AuthConfig> ForImage(string json, string image)
    {
        using var doc = JsonDocument.Parse(json);
        var auths = doc.RootElement.TryGetProperty("auths", out var inner) ? inner : doc.RootElement;
        if (auths.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var registry = ImageReference.RegistryOf(image);
        var path = ImagePath(image, registry);
        var found = new List<(int Specificity, AuthConfig Auth)>();
        foreach (var entry in auths.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object || Matches(entry.Name, registry, path) is not { } specificity)
            {
                continue;
            }

            var auth = new AuthConfig { ServerAddress = ServerAddress(registry) };
            if (entry.Value.TryGetProperty("username", out var user) && user.ValueKind == JsonValueKind.String)
            {
                auth.Username = user.GetString()!;
            }

            if (entry.Value.TryGetProperty("password", out var pass) && pass.ValueKind == JsonValueKind.String)
            {
                auth.Password = pass.GetString()!;
            }

            if (entry.Value.TryGetProperty("auth", out var encoded) && encoded.ValueKind == JsonValueKind.String && encoded.GetString() is { Length: > 0 } b64)
            {
                // Split "auth" into username and password as kubelet does, so runtimes that read only those work.
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    auth.Username = decoded[..colon];
                    auth.Password = decoded[(colon + 1)..];
                }
            }

            if (entry.Value.TryGetProperty("identitytoken", out var token) && token.ValueKind == JsonValueKind.String)
            {
                auth.IdentityToken = token.GetString()!;
            }

            found.Add((specificity, auth));
        }

        // Longer (more specific) keys first, as kubelet tries them.
        return found.OrderByDescending(f => f.Specificity).Select(f => f.Auth).ToList();
    }

    /// <summary>
    /// containerd hands credentials only to the host whose name matches the host of this URL, so it must
    /// name the host actually contacted (never a mirror): Docker Hub's API host, or the registry itself.
    /// </summary>
    internal static string ServerAddress(string registry) =>
        registry == ImageReference.DockerHub ? "https://registry-1.docker.io" : "https://" + registry;

    private static string ImagePath(string image, string registry)
    {
        var rest = image.StartsWith(registry + "/", StringComparison.Ordinal) ? image[(registry.Length + 1)..] : image;
        var end = rest.IndexOfAny(['@', ':']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>Null when the key does not cover the image; otherwise how specific the match is.</summary>
    private static int? Matches(string key, string registry, string path)
    {
        var k = key;
        var schemeEnd = k.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            k = k[(schemeEnd + 3)..];
        }

        k = k.TrimEnd('/');
        var slash = k.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? k : k[..slash];
        var keyPath = slash < 0 ? "" : k[(slash + 1)..];
        // Docker Hub credentials are traditionally stored under its v1 index address.
        if (host is "index.docker.io" or "registry-1.docker.io")
        {
            host = ImageReference.DockerHub;
            keyPath = keyPath is "v1" or "v2" ? "" : keyPath;
        }

        if (!HostMatches(host, registry))
        {
            return null;
        }

        if (keyPath.Length > 0 && !(path == keyPath || path.StartsWith(keyPath + "/", StringComparison.Ordinal)))
        {
            return null;
        }

        return host.Length + keyPath.Length;
    }

    private static bool HostMatches(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "*.example.com" covers one label, as kubelet's keyring matches globs per DNS label.
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && string.Equals(pattern[1..], host[dot..], StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
