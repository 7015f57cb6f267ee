using Skiff.Kubelet.Runtime.Registries;

namespace Skiff.Kubelet.Tests.Runtime.Registries;

public sealed class RegistriesConfigLoaderTests
{
    private const string K3sSample = """
        mirrors:
          docker.io:
            endpoint:
              - "https://mirror.example.com:5000"
              - "http://10.0.0.1:5000"
            rewrite:
              "^rancher/(.*)": "mirrored/rancher/$1"
          "*":
            endpoint: ["https://everything.example.com"]
        configs:
          "mirror.example.com:5000":
            auth:
              username: alice
              password: secret
            tls:
              ca_file: /etc/ssl/mirror-ca.pem
              cert_file: /etc/ssl/client.pem
              key_file: /etc/ssl/client-key.pem
          "insecure.example.com":
            tls:
              insecure_skip_verify: true
          "token.example.com":
            auth:
              auth: YWxpY2U6c2VjcmV0
              identitytoken: tkn
        """;

    [Fact]
    public void Parse_ReadsMirrorsWithEndpointsAndRewrites()
    {
        var config = RegistriesConfigLoader.Parse(K3sSample);

        Assert.Equal(["https://mirror.example.com:5000", "http://10.0.0.1:5000"], config.Mirrors["docker.io"].Endpoints);
        Assert.Equal("mirrored/rancher/$1", config.Mirrors["docker.io"].Rewrites["^rancher/(.*)"]);
        Assert.Equal(["https://everything.example.com"], config.Mirrors["*"].Endpoints);
    }

    [Fact]
    public void Parse_ReadsAuthAndTlsPerHost()
    {
        var config = RegistriesConfigLoader.Parse(K3sSample);

        var mirror = config.Configs["mirror.example.com:5000"];
        Assert.Equal("alice", mirror.Auth!.Username);
        Assert.Equal("secret", mirror.Auth.Password);
        Assert.Equal("/etc/ssl/mirror-ca.pem", mirror.Tls!.CaFile);
        Assert.Equal("/etc/ssl/client.pem", mirror.Tls.CertFile);
        Assert.Equal("/etc/ssl/client-key.pem", mirror.Tls.KeyFile);
        Assert.False(mirror.Tls.InsecureSkipVerify);
        Assert.True(config.Configs["insecure.example.com"].Tls!.InsecureSkipVerify);
        Assert.Null(config.Configs["insecure.example.com"].Auth);
        Assert.Equal("YWxpY2U6c2VjcmV0", config.Configs["token.example.com"].Auth!.Auth);
        Assert.Equal("tkn", config.Configs["token.example.com"].Auth!.IdentityToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("mirrors: {}\n")]
    public void Parse_EmptyDocuments_MeanNoRegistryConfiguration(string yaml)
    {
        var config = RegistriesConfigLoader.Parse(yaml);

        Assert.Empty(config.Mirrors);
        Assert.Empty(config.Configs);
    }

    [Fact]
    public void Load_MissingFile_IsEmpty()
    {
        Assert.Same(RegistriesConfig.Empty, RegistriesConfigLoader.Load("/nonexistent/registries.yaml"));
    }

    [Fact]
    public void Load_BrokenYaml_SaysWhichFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "mirrors: [unclosed\n");

            var e = Assert.Throws<InvalidDataException>(() => RegistriesConfigLoader.Load(path));

            Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
