using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Skiff.E2E;

/// <summary>Watches seen through kubectl and through the official C# client.</summary>
[Trait("Category", "Slow")]
public sealed class WatchAndClientTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public WatchAndClientTests(ServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.30")]
    [InlineData("1.33")]
    public async Task GetWatch_SeesAChangeMadeByAnotherClient(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "watch");
        await kubectl.OkAsync($"create -n {ns} -f - --validate=false", ConfigMap("first"));

        var start = new ProcessStartInfo($"/usr/lib/google-cloud-sdk/bin/kubectl.{version}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["get", "configmaps", "-n", ns, "-w", "--kubeconfig", _fixture.Server.Kubeconfig])
        {
            start.ArgumentList.Add(arg);
        }

        using var watcher = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            var sawSecond = new TaskCompletionSource();
            watcher.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (lines)
                {
                    lines.Add(e.Data);
                }

                if (e.Data.StartsWith("second", StringComparison.Ordinal))
                {
                    sawSecond.TrySetResult();
                }
            };
            watcher.BeginOutputReadLine();

            await Task.Delay(1500);
            await kubectl.OkAsync($"create -n {ns} -f - --validate=false", ConfigMap("second"));

            var finished = await Task.WhenAny(sawSecond.Task, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(finished == sawSecond.Task, "kubectl get -w never printed the new object: " + string.Join("\n", lines));
            lock (lines)
            {
                Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
                Assert.Contains(lines, l => l.StartsWith("first", StringComparison.Ordinal));
            }
        }
        finally
        {
            watcher.Kill(entireProcessTree: true);
        }
    }

    private static string ConfigMap(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  a: \"1\"\n";

    [Fact]
    public async Task OfficialClient_CrudAndWatch()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(_fixture.Server.Kubeconfig);
        using var client = new Kubernetes(config);
        var ns = $"client-{Guid.NewGuid().ToString("N")[..6]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["k"] = "v1" } }, ns);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));

        // Only our map: the root CA publisher adds kube-root-ca.crt to every namespace, as upstream's does.
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=c");
        Assert.Single(list.Items);

        var events = new List<(WatchEventType Type, string Value)>();
        var sawDelete = new TaskCompletionSource();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var pump = Task.Run(async () =>
        {
            await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=c", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop.Token))
            {
                lock (events)
                {
                    events.Add((type, cm.Data?["k"] ?? string.Empty));
                }

                if (type == WatchEventType.Deleted)
                {
                    sawDelete.TrySetResult();
                    return;
                }
            }
        });
        await Task.Delay(500);

        created.Data["k"] = "v2";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("c", ns);

        var finished = await Task.WhenAny(sawDelete.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(finished == sawDelete.Task, "the watch never delivered the delete");
        await stop.CancelAsync();
        lock (events)
        {
            Assert.Equal([(WatchEventType.Modified, "v2"), (WatchEventType.Deleted, "v2")], events);
        }

        var stale = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, stale.Response.StatusCode);
    }
}
