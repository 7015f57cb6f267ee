using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Kubelet.Server;
using Skiff.Testing;
using Xunit;

namespace Skiff.Kubelet.Tests.Server;

/// <summary>Real kubectl → in-process API server → pods/log proxy → this kubelet server over mutual TLS.</summary>
[Trait("Category", "Slow")]
public sealed class KubectlLogsThroughApiServerTests : IAsyncLifetime
{
    private const string Kubectl = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";
    private readonly string _logs = Directory.CreateTempSubdirectory("skiff-kubelet-logs-").FullName;
    private readonly List<V1Pod> _pods = [];
    private InProcessCluster _cluster = null!;
    private KubeletServer _kubelet = null!;
    private string _logFile = string.Empty;

    public async Task InitializeAsync()
    {
        _cluster = await InProcessCluster.StartAsync();
        var tls = Path.Combine(Path.GetDirectoryName(_cluster.KubeconfigPath)!, "server", "tls");
        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(tls, "server-ca.crt"), Path.Combine(tls, "server-ca.key"));
        _kubelet = new KubeletServer(
            new KubeletServerOptions
            {
                Address = IPAddress.Loopback,
                Port = 0,
                ServingCertificate = TestCertificates.Leaf(ca, "node-1", server: true),
                ClientAuthority = X509CertificateLoader.LoadCertificate(ca.RawData),
                PodLogsDirectory = _logs,
            },
            new ListPods(_pods),
            cri: null,
            NullLoggerFactory.Instance,
            TimeProvider.System);
        await _kubelet.StartAsync(CancellationToken.None);

        using var client = _cluster.NewClient();
        var node = await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "node-1" } });
        node.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = _kubelet.Port } },
        };
        await client.CoreV1.ReplaceNodeStatusAsync(node, "node-1");
        var pod = await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1PodSpec { NodeName = "node-1", Containers = [new V1Container { Name = "app", Image = "busybox" }] },
            },
            "default");
        _pods.Add(pod);
        var dir = Path.Combine(_logs, $"default_web_{pod.Metadata.Uid}", "app");
        Directory.CreateDirectory(dir);
        _logFile = Path.Combine(dir, "0.log");
        await File.WriteAllTextAsync(_logFile, "2026-01-01T00:00:01Z stdout F hello\n2026-01-01T00:00:02Z stderr F world\n");
    }

    public async Task DisposeAsync()
    {
        await _kubelet.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_logs, recursive: true);
    }

    [Fact]
    public async Task KubectlLogs_ReturnsContainerLines()
    {
        Assert.Equal("hello\nworld\n", await RunAsync("logs", "web"));
        Assert.Equal("world\n", await RunAsync("logs", "web", "--tail=1"));
    }

    [Fact]
    public async Task KubectlLogsFollow_StreamsLineAppendedLater()
    {
        using var process = Start("logs", "-f", "web");
        try
        {
            Assert.Equal("hello", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("world", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            await File.AppendAllTextAsync(_logFile, "2026-01-01T00:00:03Z stdout F later\n");
            Assert.Equal("later", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private async Task<string> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output;
    }

    private Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--kubeconfig=" + _cluster.KubeconfigPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private sealed class ListPods(List<V1Pod> pods) : IKubeletPodSource
    {
        public IReadOnlyList<V1Pod> Pods() => pods;
    }
}
