using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Skiff.ApiServer.ServiceAccounts;

namespace Skiff.ApiServer.Tests.ServiceAccounts;

public sealed class ServiceAccountKeyTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-sakey-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void NewKey_IsEcdsaP256_AndSignsEs256()
    {
        using var key = ServiceAccountKey.LoadOrCreate(_dir.FullName);

        Assert.Equal("ES256", key.Algorithm);
        Assert.Contains("BEGIN EC PRIVATE KEY", File.ReadAllText(Path.Combine(_dir.FullName, "service.key")), StringComparison.Ordinal);
        var jwk = key.PublicJwk();
        Assert.Equal("EC", (string?)jwk["kty"]);
        Assert.Equal("P-256", (string?)jwk["crv"]);
        Assert.Equal(key.KeyId, (string?)jwk["kid"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RsaKeyOnDisk_KeepsSigningRs256(bool pkcs8)
    {
        // k3s and earlier Skiff data dirs hold an RSA key; tokens issued with it must stay valid.
        using (var rsa = RSA.Create(2048))
        {
            File.WriteAllText(Path.Combine(_dir.FullName, "service.key"), pkcs8 ? rsa.ExportPkcs8PrivateKeyPem() : rsa.ExportRSAPrivateKeyPem());
        }

        using var key = ServiceAccountKey.LoadOrCreate(_dir.FullName);
        var codec = new JwtCodec(key);
        var token = codec.Sign(new JsonObject { ["sub"] = "x" });

        Assert.Equal("RS256", key.Algorithm);
        Assert.Equal("RSA", (string?)key.PublicJwk()["kty"]);
        Assert.Equal("x", (string?)codec.Verify(token)!["sub"]);
    }

    [Fact]
    public void TokenSignedWithAnotherKindOfKey_IsNotAccepted()
    {
        using var ec = ServiceAccountKey.Generate();
        using var rsa = ServiceAccountKey.GenerateRsa();
        var fromRsa = new JwtCodec(rsa).Sign(new JsonObject { ["sub"] = "x" });

        Assert.Null(new JwtCodec(ec).Verify(fromRsa));
        Assert.NotNull(new JwtCodec(rsa).Verify(fromRsa));
    }
}
