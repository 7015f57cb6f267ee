using Skiff.Api.Join;
using Skiff.ApiServer.Bootstrap;

namespace Skiff.ApiServer.Tests.Bootstrap;

public sealed class ServerTokenTests : IClassFixture<PkiFixture>, IDisposable
{
    private readonly PkiFixture _pki;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("skiff-token-").FullName;

    public ServerTokenTests(PkiFixture pki) => _pki = pki;

    private string CaHash => JoinToken.HashOf(File.ReadAllBytes(_pki.Certificates.AuthorityPath));

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void FirstStart_WritesASecureTokenForThisCa_ReadableByOwnerOnly()
    {
        var token = ServerToken.LoadOrCreate(_dataDir, _pki.Certificates.AuthorityPath, null);

        var path = ServerToken.PathIn(_dataDir);
        Assert.Equal(token.ToString() + "\n", File.ReadAllText(path));
        Assert.Equal(CaHash, token.CaHash);
        Assert.Equal("server", token.Username);
        Assert.StartsWith($"K10{CaHash}::server:", token.ToString(), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void LaterStarts_KeepTheSameSecret()
    {
        var first = ServerToken.LoadOrCreate(_dataDir, _pki.Certificates.AuthorityPath, null);

        var second = ServerToken.LoadOrCreate(_dataDir, _pki.Certificates.AuthorityPath, null);

        Assert.Equal(first, second);
    }

    [Fact]
    public void ConfiguredSecret_ReplacesTheStoredOne()
    {
        ServerToken.LoadOrCreate(_dataDir, _pki.Certificates.AuthorityPath, null);

        var token = ServerToken.LoadOrCreate(_dataDir, _pki.Certificates.AuthorityPath, "my-cluster-secret");

        Assert.Equal("my-cluster-secret", token.Password);
        Assert.Equal(token, JoinToken.Parse(File.ReadAllText(ServerToken.PathIn(_dataDir))));
    }

    [Fact]
    public void ConfiguredSecureTokenForThisCa_IsAccepted()
    {
        var token = ServerToken.LoadOrCreate(_dataDir, _pki.Certificates.AuthorityPath, $"K10{CaHash}::server:abc");

        Assert.Equal("abc", token.Password);
    }

    [Fact]
    public void ConfiguredSecureTokenForAnotherCa_FailsNamingBothHashes()
    {
        var other = new string('a', 64);

        var error = Assert.Throws<InvalidDataException>(() => ServerToken.LoadOrCreate(_dataDir, _pki.Certificates.AuthorityPath, $"K10{other}::server:abc"));

        Assert.Contains(other, error.Message, StringComparison.Ordinal);
        Assert.Contains(CaHash, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(ServerToken.PathIn(_dataDir)));
    }
}
