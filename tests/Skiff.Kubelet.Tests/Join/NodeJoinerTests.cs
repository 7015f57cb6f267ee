using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Api.Join;
using Skiff.Kubelet.Join;

namespace Skiff.Kubelet.Tests.Join;

[Trait("Category", "Slow")]
public sealed class NodeJoinerTests : IClassFixture<JoinClusterFixture>, IDisposable
{
    private readonly JoinClusterFixture _fixture;
    private readonly string _agentDir = Path.Combine(Directory.CreateTempSubdirectory("skiff-agent-").FullName, "agent");

    public NodeJoinerTests(JoinClusterFixture fixture) => _fixture = fixture;

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_agentDir)!, recursive: true);

    [Fact]
    public async Task Join_WithTheServersToken_WritesAKubeconfigThatAuthenticatesAsTheNode()
    {
        var credentials = await JoinAsync(Request("joined-node"));

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(credentials.KubeconfigPath));
        var review = await client.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview());
        Assert.Equal("system:node:joined-node", review.Status.UserInfo.Username);
        Assert.Contains("system:nodes", review.Status.UserInfo.Groups);
        Assert.True(credentials.AllExist);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials.ClientKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials.ServingKeyPath));
    }

    [Fact]
    public async Task Join_ServingCertificate_IsForTheNodeAndChainsToTheClientAuthority()
    {
        var credentials = await JoinAsync(Request("serving-node"));

        using var serving = credentials.LoadServingCertificate();
        using var authority = credentials.LoadClientAuthority();
        Assert.True(serving.HasPrivateKey);
        Assert.Contains("serving-node", serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(serving));
    }

    [Fact]
    public async Task Restart_ReusesTheStoredCredentialsWithoutAskingTheServer()
    {
        var first = await JoinAsync(Request("restarting-node"));
        var certificate = await File.ReadAllTextAsync(first.ClientCertPath);

        // Nothing listens on port 1: a second join attempt would wait for the server instead of returning.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var second = await NodeJoiner.LoadOrJoinAsync(Request("restarting-node") with { Server = new Uri("https://127.0.0.1:1") }, TimeProvider.System, NullLogger.Instance, timeout.Token);

        Assert.Equal(certificate, await File.ReadAllTextAsync(second.ClientCertPath));
        Assert.Contains("https://127.0.0.1:1", await File.ReadAllTextAsync(second.KubeconfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenForAnotherCa_IsRefusedBeforeTheSecretIsSent()
    {
        var token = new JoinToken(new string('0', 64), "server", _fixture.Token.Password);

        var error = await Assert.ThrowsAsync<JoinException>(() => JoinAsync(Request("mismatched-node") with { Token = token }));

        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains(new string('0', 64), error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_agentDir) && Directory.EnumerateFiles(_agentDir).Any());
    }

    [Fact]
    public async Task WrongSecret_IsRefusedWithTheServersMessage()
    {
        var token = _fixture.Token;
        var wrong = new JoinToken(token.CaHash, token.Username, "not-the-secret");

        var error = await Assert.ThrowsAsync<JoinException>(() => JoinAsync(Request("refused-node") with { Token = wrong }));

        Assert.Contains("refused the join token", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid for this server", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(new NodeCredentials(_agentDir).ClientKeyPath));
    }

    private JoinRequest Request(string nodeName) => new()
    {
        Server = _fixture.Server,
        Token = _fixture.Token,
        AgentDir = _agentDir,
        NodeName = nodeName,
        NodeIps = ["127.0.0.1"],
    };

    private static async Task<NodeCredentials> JoinAsync(JoinRequest request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await NodeJoiner.LoadOrJoinAsync(request, TimeProvider.System, NullLogger.Instance, timeout.Token);
    }
}
