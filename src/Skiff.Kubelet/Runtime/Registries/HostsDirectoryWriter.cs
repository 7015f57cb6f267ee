using System.Text;

namespace Skiff.Kubelet.Runtime.Registries;

/// <summary>
/// Turns registries.yaml into containerd's hosts directory (<c>config_path</c>): one
/// <c>&lt;registry&gt;/hosts.toml</c> per mirrored registry or per registry with TLS settings.
/// Credentials do not belong here: containerd 1.6 reads them only from the CRI plugin's
/// <c>registry.configs</c>, which <see cref="ContainerdConfigRenderer"/> writes.
/// </summary>
internal static class HostsDirectoryWriter
{
    public static IReadOnlyDictionary<string, string> Render(RegistriesConfig config)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (registry, mirror) in config.Mirrors)
        {
            files[DirectoryName(registry)] = RenderMirrored(registry, mirror, config);
        }

        foreach (var (host, hostConfig) in config.Configs)
        {
            if (hostConfig.Tls is { } tls && !files.ContainsKey(DirectoryName(host)))
            {
                var sb = new StringBuilder();
                sb.Append("server = ").AppendLine(Toml.Quote(ServerUrl(host)));
                AppendTls(sb, tls);
                files[DirectoryName(host)] = sb.ToString();
            }
        }

        return files;
    }

    /// <summary>Replaces the whole hosts directory, so registries removed from the file stop applying.</summary>
    public static void Write(string hostsDir, RegistriesConfig config)
    {
        if (Directory.Exists(hostsDir))
        {
            Directory.Delete(hostsDir, recursive: true);
        }

        Directory.CreateDirectory(hostsDir);
        foreach (var (dir, content) in Render(config))
        {
            var path = Path.Combine(hostsDir, dir);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "hosts.toml"), content);
        }
    }

    private static string RenderMirrored(string registry, RegistryMirror mirror, RegistriesConfig config)
    {
        var sb = new StringBuilder();
        // The wildcard entry has no server of its own: each registry stays its own fallback.
        if (registry != "*")
        {
            sb.Append("server = ").AppendLine(Toml.Quote(ServerUrl(registry)));
            if (config.Configs.TryGetValue(registry, out var own) && own.Tls is { } ownTls)
            {
                AppendTls(sb, ownTls);
            }
        }

        // Rewrites are a k3s extension of containerd's resolver that containerd 1.6 lacks; they are
        // read from registries.yaml but not applied.
        foreach (var endpoint in mirror.Endpoints)
        {
            var url = EndpointUrl(endpoint);
            sb.AppendLine();
            sb.Append("[host.").Append(Toml.Quote(url)).AppendLine("]");
            sb.AppendLine("  capabilities = [\"pull\", \"resolve\"]");
            if (config.Configs.TryGetValue(HostOf(url), out var hostConfig) && hostConfig.Tls is { } tls)
            {
                AppendTls(sb, tls, "  ");
            }
        }

        return sb.ToString();
    }

    private static void AppendTls(StringBuilder sb, RegistryTls tls, string indent = "")
    {
        if (!string.IsNullOrEmpty(tls.CaFile))
        {
            sb.Append(indent).Append("ca = ").AppendLine(Toml.Quote(tls.CaFile));
        }

        if (!string.IsNullOrEmpty(tls.CertFile) && !string.IsNullOrEmpty(tls.KeyFile))
        {
            sb.Append(indent).Append("client = [").Append(Toml.Array([tls.CertFile, tls.KeyFile])).AppendLine("]");
        }

        if (tls.InsecureSkipVerify)
        {
            sb.Append(indent).AppendLine("skip_verify = true");
        }
    }

    internal static string DirectoryName(string registry) => registry == "*" ? "_default" : registry;

    // Docker Hub's registry name and its API host differ; every other registry serves under its own name.
    private static string ServerUrl(string registry) =>
        registry == "docker.io" ? "https://registry-1.docker.io" : "https://" + registry;

    internal static string EndpointUrl(string endpoint) =>
        endpoint.Contains("://", StringComparison.Ordinal) ? endpoint.TrimEnd('/') : "https://" + endpoint.TrimEnd('/');

    internal static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : url;
}
