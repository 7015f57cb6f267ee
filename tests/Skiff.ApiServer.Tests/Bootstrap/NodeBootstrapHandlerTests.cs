using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;
using Skiff.Api.Join;
using Skiff.ApiServer.Authentication;
using Skiff.ApiServer.Bootstrap;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Tests.Bootstrap;

public sealed class NodeBootstrapHandlerTests : IClassFixture<PkiFixture>
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private readonly PkiFixture _pki;
    private readonly JoinToken _token;
    private readonly NodeBootstrapHandler _handler;

    public NodeBootstrapHandlerTests(PkiFixture pki)
    {
        _pki = pki;
        _token = new JoinToken(JoinToken.HashOf(File.ReadAllBytes(pki.Certificates.AuthorityPath)), "server", Secret);
        _handler = new NodeBootstrapHandler(pki.Certificates, _token, TimeProvider.System);
    }

    [Fact]
    public async Task CaCerts_WithoutCredentials_ServesTheCaFileWhoseHashTheTokenCarries()
    {
        var context = Request(JoinProtocol.CaCertsPath);

        Assert.True(await _handler.TryHandleAsync(context));

        var body = Body(context);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(File.ReadAllBytes(_pki.Certificates.AuthorityPath), body);
        Assert.True(_token.MatchesAuthority(body));
    }

    [Fact]
    public async Task ClientCertificate_WithToken_AuthenticatesAsSystemNodeInGroupSystemNodes()
    {
        var context = Request(JoinProtocol.ClientKubeletPath, Basic("node", Secret), "worker-1");

        Assert.True(await _handler.TryHandleAsync(context));

        using var issued = Issued(context);
        Assert.True(issued.HasPrivateKey);
        var authenticator = new Authenticator(_pki.Certificates.Authority, new StaticTokens());
        var presenting = new DefaultHttpContext();
        presenting.Connection.ClientCertificate = issued;
        var user = await authenticator.AuthenticateAsync(presenting);
        Assert.Equal("system:node:worker-1", user.Name);
        Assert.Contains("system:nodes", user.Groups);
        Assert.Contains("system:authenticated", user.Groups);
    }

    [Fact]
    public async Task ClientCertificate_WithBearerToken_IsIssuedToo()
    {
        var context = Request(JoinProtocol.ClientKubeletPath, "Bearer " + Secret, "worker-2");

        Assert.True(await _handler.TryHandleAsync(context));

        using var issued = Issued(context);
        Assert.Equal("system:node:worker-2", issued.GetNameInfo(X509NameType.SimpleName, false));
    }

    [Fact]
    public async Task ServingCertificate_CoversNodeNameAndAddresses_ForServerAuthOnly()
    {
        var context = Request(JoinProtocol.ServingKubeletPath, Basic("node", Secret), "worker-3");
        context.Request.Headers[JoinProtocol.NodeIpHeader] = "10.1.2.3, fd00::7";

        Assert.True(await _handler.TryHandleAsync(context));

        using var issued = Issued(context);
        var sans = issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("worker-3", sans.EnumerateDnsNames());
        Assert.Contains(IPAddress.Parse("10.1.2.3"), sans.EnumerateIPAddresses());
        Assert.Contains(IPAddress.Parse("fd00::7"), sans.EnumerateIPAddresses());
        var usage = issued.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], usage.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.False(new Authenticator(_pki.Certificates.Authority, new StaticTokens()).IsIssuedByCluster(issued));
    }

    [Theory]
    [InlineData("node", "wrong-secret")]
    [InlineData("admin", Secret)]
    public async Task WrongToken_Is401WithAClearMessage(string user, string password)
    {
        var context = Request(JoinProtocol.ClientKubeletPath, Basic(user, password), "worker-4");

        var error = await Assert.ThrowsAsync<ApiException>(() => _handler.TryHandleAsync(context));

        Assert.Equal(401, error.Code);
        Assert.Equal("Unauthorized", error.Reason);
        Assert.Contains("join token", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task NoCredentials_Is401SayingHowToPresentTheToken()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => _handler.TryHandleAsync(Request(JoinProtocol.ServingKubeletPath, null, "worker-5")));

        Assert.Equal(401, error.Code);
        Assert.Contains("node:<secret>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Not_A_Node")]
    public async Task MissingOrInvalidNodeName_Is400(string name)
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => _handler.TryHandleAsync(Request(JoinProtocol.ClientKubeletPath, Basic("node", Secret), name)));

        Assert.Equal(400, error.Code);
    }

    [Fact]
    public async Task InvalidNodeAddress_Is400()
    {
        var context = Request(JoinProtocol.ServingKubeletPath, Basic("node", Secret), "worker-6");
        context.Request.Headers[JoinProtocol.NodeIpHeader] = "10.0.0.300";

        var error = await Assert.ThrowsAsync<ApiException>(() => _handler.TryHandleAsync(context));

        Assert.Equal(400, error.Code);
        Assert.Contains("10.0.0.300", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Is405()
    {
        var context = Request(JoinProtocol.ClientKubeletPath, Basic("node", Secret), "worker-7");
        context.Request.Method = "POST";

        var error = await Assert.ThrowsAsync<ApiException>(() => _handler.TryHandleAsync(context));

        Assert.Equal(405, error.Code);
    }

    [Fact]
    public async Task OtherPaths_AreLeftToTheRestOfThePipeline()
    {
        var context = Request("/api/v1/nodes", Basic("node", Secret), "worker-8");

        Assert.False(await _handler.TryHandleAsync(context));
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static DefaultHttpContext Request(string path, string? authorization = null, string? nodeName = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (nodeName is not null)
        {
            context.Request.Headers[JoinProtocol.NodeNameHeader] = nodeName;
        }

        return context;
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static byte[] Body(HttpContext context) => ((MemoryStream)context.Response.Body).ToArray();

    private static X509Certificate2 Issued(HttpContext context)
    {
        var pem = Encoding.UTF8.GetString(Body(context));
        return X509Certificate2.CreateFromPem(pem, pem);
    }
}
