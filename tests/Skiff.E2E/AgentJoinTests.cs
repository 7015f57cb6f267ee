using System.Diagnostics;

namespace Skiff.E2E;

/// <summary>
/// `skiff agent` joins a `skiff server --disable-agent` with the server's token, as a k3s agent does: its node
/// registers through the certificate the server issued, and tokens for the wrong secret or CA are refused.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AgentJoinTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public AgentJoinTests(ServerFixture fixture) => _fixture = fixture;

    private string ServerUrl => $"https://127.0.0.1:{_fixture.Server.Port}";

    private string Token => File.ReadAllText(Path.Combine(_fixture.Server.DataDir, "server", "token")).Trim();

    [Fact]
    public async Task Agent_WithTheServersToken_RegistersAReadyNodeAsSystemNode_AndReusesItsCertificateOnRestart()
    {
        var kubectl = _fixture.Kubectl("1.33");
        var node = $"agent-{Guid.NewGuid().ToString("N")[..6]}";
        var dataDir = Directory.CreateTempSubdirectory("skiff-e2e-agent-").FullName;
        try
        {
            string certificate;
            await using (var agent = AgentProcess.Start(ServerUrl, Token, node, dataDir))
            {
                await WaitRunningAsync(agent);
                await WaitReadyAsync(kubectl, node, agent);

                var whoami = await new Kubectl("1.33", agent.Kubeconfig).OkAsync("auth whoami -o jsonpath={.status.userInfo.username}/{.status.userInfo.groups}");
                Assert.StartsWith($"system:node:{node}/", whoami, StringComparison.Ordinal);
                Assert.Contains("system:nodes", whoami, StringComparison.Ordinal);
                certificate = await File.ReadAllTextAsync(agent.ClientCertificatePath);
                Assert.Equal(0, await agent.StopAsync());
            }

            await using (var again = AgentProcess.Start(ServerUrl, Token, node, dataDir))
            {
                await WaitRunningAsync(again);
                Assert.Contains("reusing the node credentials", again.Log, StringComparison.Ordinal);
                Assert.Equal(certificate, await File.ReadAllTextAsync(again.ClientCertificatePath));
                await WaitReadyAsync(kubectl, node, again);
            }
        }
        finally
        {
            AgentProcess.RemoveDataDir(dataDir);
            await kubectl.RunAsync($"delete node {node} --wait=false");
        }
    }

    [Fact]
    public async Task Agent_WithAWrongSecret_ExitsNonZeroSayingTheTokenWasRefused()
    {
        var token = Token;
        var wrong = token[..(token.LastIndexOf(':') + 1)] + "not-the-secret";

        await using var agent = AgentProcess.Start(ServerUrl, wrong, "refused-node");

        Assert.NotEqual(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("the server refused the join token: Unauthorized: the join token is not valid for this server", agent.Log, StringComparison.Ordinal);
        Assert.False(File.Exists(agent.ClientCertificatePath));
    }

    [Fact]
    public async Task Agent_WithATokenForAnotherCa_ExitsNonZeroWithoutJoining()
    {
        var token = Token;
        var otherHash = new string('f', 64);
        var mismatched = "K10" + otherHash + token[token.IndexOf("::", StringComparison.Ordinal)..];

        await using var agent = AgentProcess.Start(ServerUrl, mismatched, "mismatched-node");

        Assert.NotEqual(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"but the token expects {otherHash}", agent.Log, StringComparison.Ordinal);
        Assert.False(File.Exists(agent.ClientCertificatePath));
        var nodes = await _fixture.Kubectl("1.33").OkAsync("get nodes -o name");
        Assert.DoesNotContain("mismatched-node", nodes, StringComparison.Ordinal);
    }

    private static async Task WaitRunningAsync(AgentProcess agent)
    {
        try
        {
            await agent.WaitRunningAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the agent's kubelet did not start:\n{agent.Log}");
        }
    }

    private static async Task WaitReadyAsync(Kubectl kubectl, string node, AgentProcess agent)
    {
        var deadline = Stopwatch.StartNew();
        var last = string.Empty;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var result = await kubectl.RunAsync($"get node {node} -o jsonpath={{.status.conditions[?(@.type==\"Ready\")].status}}");
            last = result.Stdout + result.Stderr;
            if (result.ExitCode == 0 && result.Stdout.Trim() == "True")
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"node {node} did not become Ready (last: {last}):\n{agent.Log}");
    }
}
