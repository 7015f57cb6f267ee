using Skiff.Kubelet.Runtime.Registries;

namespace Skiff.Kubelet.Tests.Runtime.Registries;

public sealed class HostsDirectoryWriterTests
{
    [Fact]
    public void Render_DockerHubMirror_KeepsDockerHubAsTheFallbackServer()
    {
        var config = RegistriesConfigLoader.Parse("""
            mirrors:
              docker.io:
                endpoint: ["mirror.example.com:5000", "http://10.0.0.1:5000/"]
            configs:
              "mirror.example.com:5000":
                tls:
                  ca_file: /ca.pem
                  insecure_skip_verify: true
            """);

        var files = HostsDirectoryWriter.Render(config);

        var hosts = files["docker.io"];
        Assert.StartsWith("server = \"https://registry-1.docker.io\"\n", hosts, StringComparison.Ordinal);
        Assert.Contains("[host.\"https://mirror.example.com:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n  ca = \"/ca.pem\"\n  skip_verify = true\n", hosts, StringComparison.Ordinal);
        Assert.Contains("[host.\"http://10.0.0.1:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n", hosts, StringComparison.Ordinal);
        Assert.True(hosts.IndexOf("mirror.example.com", StringComparison.Ordinal) < hosts.IndexOf("10.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_WildcardMirror_GoesToTheDefaultDirectoryWithoutAServer()
    {
        var config = RegistriesConfigLoader.Parse("mirrors:\n  \"*\":\n    endpoint: [\"https://all.example.com\"]\n");

        var files = HostsDirectoryWriter.Render(config);

        Assert.Equal(["_default"], files.Keys);
        Assert.DoesNotContain("server =", files["_default"], StringComparison.Ordinal);
        Assert.Contains("[host.\"https://all.example.com\"]", files["_default"], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TlsWithoutMirror_ConfiguresTheRegistryItself()
    {
        var config = RegistriesConfigLoader.Parse("""
            configs:
              "private.example.com":
                tls:
                  cert_file: /c.pem
                  key_file: /k.pem
              "auth-only.example.com":
                auth:
                  username: u
            """);

        var files = HostsDirectoryWriter.Render(config);

        Assert.Equal(["private.example.com"], files.Keys);
        Assert.Equal("server = \"https://private.example.com\"\nclient = [[\"/c.pem\", \"/k.pem\"]]\n", files["private.example.com"]);
    }

    [Fact]
    public void Write_ReplacesRegistriesNoLongerConfigured()
    {
        var dir = Path.Combine(Path.GetTempPath(), "skiff-hosts-" + Guid.NewGuid().ToString("N"));
        try
        {
            HostsDirectoryWriter.Write(dir, RegistriesConfigLoader.Parse("mirrors:\n  old.example.com:\n    endpoint: [\"https://m\"]\n"));
            HostsDirectoryWriter.Write(dir, RegistriesConfigLoader.Parse("mirrors:\n  new.example.com:\n    endpoint: [\"https://m\"]\n"));

            Assert.False(Directory.Exists(Path.Combine(dir, "old.example.com")));
            Assert.True(File.Exists(Path.Combine(dir, "new.example.com", "hosts.toml")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
