using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Pki;

namespace Skiff.ApiServer.Tests.Authentication;

public sealed class AuthenticatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Authenticate_ClusterIssuedCertificateOnEveryRequest_ReturnsItsUserAndGroups()
    {
        using var authority = CertificateFactory.CreateAuthority("test-ca", Now);
        using var client = CertificateFactory.CreateClient(authority, "alice", ["dev"], Now);
        var authenticator = new Authenticator(authority, StaticTokens.Load("/nonexistent"));

        // The same connection presents the same certificate object on every request; the verdict must hold each time.
        var first = await authenticator.AuthenticateAsync(RequestWith(client));
        var second = await authenticator.AuthenticateAsync(RequestWith(client));

        Assert.Equal("alice", first.Name);
        Assert.Equal(["dev", "system:authenticated"], first.Groups);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Authenticate_CertificateOfAnotherAuthority_IsRejectedOnEveryRequest()
    {
        using var authority = CertificateFactory.CreateAuthority("test-ca", Now);
        using var other = CertificateFactory.CreateAuthority("other-ca", Now);
        using var stranger = CertificateFactory.CreateClient(other, "mallory", ["system:masters"], Now);
        var authenticator = new Authenticator(authority, StaticTokens.Load("/nonexistent"));

        for (var i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<ApiException>(async () => await authenticator.AuthenticateAsync(RequestWith(stranger)));
            Assert.Equal(401, e.Code);
        }
    }

    private static DefaultHttpContext RequestWith(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var context = new DefaultHttpContext();
        context.Connection.ClientCertificate = certificate;
        return context;
    }
}
