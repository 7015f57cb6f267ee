using System.Text;
using Microsoft.Extensions.Time.Testing;
using Skiff.ApiServer.ServiceAccounts;

namespace Skiff.ApiServer.Tests.ServiceAccounts;

public sealed class ServiceAccountTokensTests : IDisposable
{
    private const string Issuer = "https://kubernetes.default.svc.cluster.local";
    private readonly ServiceAccountKey _key = ServiceAccountKey.Generate();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task IssuedToken_AuthenticatesAsTheServiceAccount_WithItsGroupsAndPod()
    {
        var tokens = Tokens();
        var (token, expires) = tokens.Issue(Request(pod: new TokenBinding("Pod", "web-1", "pod-uid")));

        var user = await tokens.AuthenticateAsync(token, default);

        Assert.NotNull(user);
        Assert.Equal("system:serviceaccount:shop:builder", user.Name);
        Assert.Equal("sa-uid", user.Uid);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:shop", "system:authenticated"], user.Groups);
        Assert.Equal(["web-1"], user.Extra["authentication.kubernetes.io/pod-name"]);
        Assert.StartsWith("JTI=", user.Extra["authentication.kubernetes.io/credential-id"][0], StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow().AddHours(1), expires);
    }

    [Fact]
    public async Task Token_StopsWorkingAtItsExpiry()
    {
        var tokens = Tokens();
        var (token, _) = tokens.Issue(Request());

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await tokens.AuthenticateAsync(token, default));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await tokens.AuthenticateAsync(token, default));
    }

    [Fact]
    public async Task Token_ForAnotherAudience_IsNotAcceptedByTheApiServer()
    {
        var tokens = Tokens();
        var (token, _) = tokens.Issue(Request(audiences: ["vault"]));

        Assert.Null(await tokens.AuthenticateAsync(token, default));
    }

    [Fact]
    public async Task Token_FromAnotherKeyOrIssuer_OrTampered_IsRejected()
    {
        using var otherKey = ServiceAccountKey.Generate();
        var foreign = new ServiceAccountTokens(new JwtCodec(otherKey), Issuer, [Issuer], null, _time).Issue(Request()).Token;
        var otherIssuer = new ServiceAccountTokens(new JwtCodec(_key), "https://elsewhere", [Issuer], null, _time).Issue(Request()).Token;
        var genuine = Tokens().Issue(Request()).Token;
        var parts = genuine.Split('.');
        var claims = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("builder", "admin000", StringComparison.Ordinal);
        var tampered = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims)) + "." + parts[2];

        var tokens = Tokens();
        Assert.Null(await tokens.AuthenticateAsync(foreign, default));
        Assert.Null(await tokens.AuthenticateAsync(otherIssuer, default));
        Assert.Null(await tokens.AuthenticateAsync(tampered, default));
        Assert.Null(await tokens.AuthenticateAsync("not.a.jwt", default));
        Assert.Null(await tokens.AuthenticateAsync("plain-static-token", default));
        Assert.NotNull(await tokens.AuthenticateAsync(genuine, default));
    }

    [Fact]
    public void SavedKey_IsReloaded_SoTokensSurviveARestart()
    {
        var dir = Directory.CreateTempSubdirectory("skiff-sakey-");
        try
        {
            string first;
            using (var key = ServiceAccountKey.LoadOrCreate(dir.FullName))
            {
                first = key.KeyId;
            }

            using var again = ServiceAccountKey.LoadOrCreate(dir.FullName);
            Assert.Equal(first, again.KeyId);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.FullName, "service.key")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private ServiceAccountTokens Tokens() => new(new JwtCodec(_key), Issuer, [Issuer], null, _time);

    private static ServiceAccountTokenRequest Request(IReadOnlyList<string>? audiences = null, TokenBinding? pod = null) =>
        new("shop", "builder", "sa-uid", audiences ?? [Issuer], 3600, pod);
}
