using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Skiff.Api.Join;

namespace Skiff.Api.Tests.Join;

public sealed class JoinTokenTests
{
    private const string Hash = "7dd63b841ad96d73b07282bf6c569c51b5e27d8a80bd4f8469a00c7bf76acaaa";

    [Fact]
    public void Parse_SecureToken_SplitsHashUserAndPassword()
    {
        var token = JoinToken.Parse($"K10{Hash}::server:s3cret");

        Assert.Equal(Hash, token.CaHash);
        Assert.Equal("server", token.Username);
        Assert.Equal("s3cret", token.Password);
        Assert.True(token.IsSecure);
    }

    [Fact]
    public void Parse_PasswordWithColons_KeepsEverythingAfterTheFirstColon()
    {
        var token = JoinToken.Parse($"K10{Hash}::node:a:b:c");

        Assert.Equal("node", token.Username);
        Assert.Equal("a:b:c", token.Password);
    }

    [Fact]
    public void Parse_SecureTokenWithoutUser_IsABearerToken()
    {
        var token = JoinToken.Parse($"K10{Hash}::abcdef.0123456789abcdef");

        Assert.Equal(string.Empty, token.Username);
        Assert.Equal("abcdef.0123456789abcdef", token.Password);
        Assert.Equal($"K10{Hash}::abcdef.0123456789abcdef", token.ToString());
    }

    [Theory]
    [InlineData("just-a-secret")]
    [InlineData("K10-but-no-separator")]
    public void Parse_ShortToken_IsThePasswordAloneWithNoHash(string text)
    {
        var token = JoinToken.Parse(text);

        Assert.Null(token.CaHash);
        Assert.Equal(text, token.Password);
        Assert.Equal(text, token.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("K10abc::server:x")]
    [InlineData("K10zzd63b841ad96d73b07282bf6c569c51b5e27d8a80bd4f8469a00c7bf76acaaa::server:x")]
    [InlineData("K107dd63b841ad96d73b07282bf6c569c51b5e27d8a80bd4f8469a00c7bf76acaaa::server:")]
    public void Parse_Malformed_FailsWithFormatException(string text) =>
        Assert.Throws<FormatException>(() => JoinToken.Parse(text));

    [Fact]
    public void ToString_RoundTripsThroughParse()
    {
        var token = new JoinToken(Hash.ToUpperInvariant(), "server", JoinToken.NewSecret());

        var again = JoinToken.Parse(token.ToString());

        Assert.Equal(token, again);
        Assert.StartsWith($"K10{Hash}::server:", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NewSecret_Is32HexDigitsAndDiffersEachTime()
    {
        var a = JoinToken.NewSecret();

        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.NotEqual(a, JoinToken.NewSecret());
    }

    [Fact]
    public void HashOf_IsTheSha256OfTheBundleBytesInLowerHex()
    {
        var bundle = Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bundle)), JoinToken.HashOf(bundle));
    }

    [Fact]
    public void MatchesAuthority_SameBundle_True_OtherBundle_False()
    {
        var bundle = CaBundle("one");
        var token = new JoinToken(JoinToken.HashOf(bundle), "server", "x");

        Assert.True(token.MatchesAuthority(bundle));
        Assert.False(token.MatchesAuthority(CaBundle("two")));
    }

    [Fact]
    public void MatchesAuthority_HashOfTheRootCertificatesDer_IsAccepted()
    {
        using var root = Authority("custom");
        var bundle = Encoding.UTF8.GetBytes(root.ExportCertificatePem() + "\n");
        var token = new JoinToken(Convert.ToHexStringLower(SHA256.HashData(root.RawData)), "server", "x");

        Assert.True(token.MatchesAuthority(bundle));
    }

    [Fact]
    public void MatchesAuthority_ShortToken_AcceptsAnyBundle() =>
        Assert.True(JoinToken.Parse("secret").MatchesAuthority(CaBundle("any")));

    [Fact]
    public void AcceptsSecret_OnlyTheExactPassword()
    {
        var token = new JoinToken(Hash, "server", "s3cret");

        Assert.True(token.AcceptsSecret("s3cret"));
        Assert.False(token.AcceptsSecret("s3cre"));
        Assert.False(token.AcceptsSecret("S3CRET"));
    }

    private static byte[] CaBundle(string name)
    {
        using var authority = Authority(name);
        return Encoding.UTF8.GetBytes(authority.ExportCertificatePem() + "\n");
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
