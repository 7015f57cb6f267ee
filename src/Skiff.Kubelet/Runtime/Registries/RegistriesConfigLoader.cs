using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skiff.Kubelet.Runtime.Registries;

/// <summary>Reads registries.yaml; a missing file means no mirrors and no credentials, as in k3s.</summary>
public static class RegistriesConfigLoader
{
    public static RegistriesConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return RegistriesConfig.Empty;
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is YamlException or FormatException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static RegistriesConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return RegistriesConfig.Empty;
        }

        var mirrors = new Dictionary<string, RegistryMirror>(StringComparer.Ordinal);
        foreach (var (name, node) in Entries(Child(root, "mirrors")))
        {
            mirrors[name] = new RegistryMirror
            {
                Endpoints = Strings(Child(node, "endpoint")),
                Rewrites = Entries(Child(node, "rewrite")).ToDictionary(e => e.Key, e => Scalar(e.Value) ?? "", StringComparer.Ordinal),
            };
        }

        var configs = new Dictionary<string, RegistryHostConfig>(StringComparer.Ordinal);
        foreach (var (host, node) in Entries(Child(root, "configs")))
        {
            var auth = Child(node, "auth");
            var tls = Child(node, "tls");
            configs[host] = new RegistryHostConfig
            {
                Auth = auth is null ? null : new RegistryAuth
                {
                    Username = Scalar(Child(auth, "username")),
                    Password = Scalar(Child(auth, "password")),
                    Auth = Scalar(Child(auth, "auth")),
                    IdentityToken = Scalar(Child(auth, "identitytoken")),
                },
                Tls = tls is null ? null : new RegistryTls
                {
                    CaFile = Scalar(Child(tls, "ca_file")),
                    CertFile = Scalar(Child(tls, "cert_file")),
                    KeyFile = Scalar(Child(tls, "key_file")),
                    InsecureSkipVerify = string.Equals(Scalar(Child(tls, "insecure_skip_verify")), "true", StringComparison.OrdinalIgnoreCase),
                },
            };
        }

        return new RegistriesConfig { Mirrors = mirrors, Configs = configs };
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static IEnumerable<KeyValuePair<string, YamlNode>> Entries(YamlNode? node)
    {
        if (node is not YamlMappingNode map)
        {
            yield break;
        }

        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { Length: > 0 } name })
            {
                yield return new(name, value);
            }
        }
    }

    private static string? Scalar(YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;

    private static string[] Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(Scalar).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray(),
        YamlScalarNode { Value: { Length: > 0 } one } => [one],
        _ => [],
    };
}
