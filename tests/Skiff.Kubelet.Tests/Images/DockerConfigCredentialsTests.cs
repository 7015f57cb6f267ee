using Skiff.Kubelet.Images;

namespace Skiff.Kubelet.Tests.Images;

public sealed class DockerConfigCredentialsTests
{
    [Fact]
    public void ForImage_DockerConfigJson_SplitsAuthIntoUsernameAndPassword()
    {
        const string json = """{"auths":{"localhost:5000":{"auth":"YWxpY2U6czNjcjN0"}}}""";

        var auth = Assert.Single(DockerConfigCredentials.ForImage(json, "localhost:5000/skiff-test/shell:1"));

        Assert.Equal("alice", auth.Username);
        Assert.Equal("s3cr3t", auth.Password);
        Assert.Equal("https://localhost:5000", auth.ServerAddress);
    }

    [Fact]
    public void ForImage_LegacyDockercfgWithDockerHubIndexKey_MatchesUnqualifiedImages()
    {
        const string json = """{"https://index.docker.io/v1/":{"username":"bob","password":"pw"}}""";

        var auth = Assert.Single(DockerConfigCredentials.ForImage(json, "busybox:1.36"));

        Assert.Equal("bob", auth.Username);
        Assert.Equal("pw", auth.Password);
        Assert.Equal("https://registry-1.docker.io", auth.ServerAddress);
    }

    [Fact]
    public void ForImage_OtherRegistriesAndPaths_DoNotMatch()
    {
        const string json = """{"auths":{"other.example.com":{"username":"a","password":"b"},"registry.example.com/team-b":{"username":"c","password":"d"}}}""";

        Assert.Empty(DockerConfigCredentials.ForImage(json, "registry.example.com/team-a/app:1"));
    }

    [Fact]
    public void ForImage_MostSpecificKeyFirst()
    {
        const string json = """{"auths":{"registry.example.com":{"username":"broad","password":"x"},"registry.example.com/team":{"username":"narrow","password":"y"},"*.example.com":{"username":"glob","password":"z"}}}""";

        var auths = DockerConfigCredentials.ForImage(json, "registry.example.com/team/app:1");

        Assert.Equal(["narrow", "broad", "glob"], auths.Select(a => a.Username));
    }
}
