using k8s;
using k8s.Autorest;
using k8s.Models;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.StaticPods;
using Skiff.Kubelet.Tests.Pods;
using Skiff.Kubelet.Tests.Runtime;

namespace Skiff.Kubelet.Tests.StaticPods;

[Collection(RuntimeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class StaticPodEndToEndTests(RuntimeFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private string ManifestDir => Path.Combine(fixture.DataDir, "agent", "pod-manifests");

    private static string Manifest(string image, string color) => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"color":"{{{color}}}"}},
         "spec":{"terminationGracePeriodSeconds":2,"containers":[{"name":"main","image":"{{{image}}}","imagePullPolicy":"IfNotPresent"}]}}
        """;

    [Fact]
    public async Task ManifestFile_RunsAsPodWithMirror_MirrorComesBackAfterDelete_EditReplaces_RemovalStops()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var file = Path.Combine(ManifestDir, "web.json");
        var name = $"web-{harness.NodeName}";
        try
        {
            Directory.CreateDirectory(ManifestDir);
            await File.WriteAllTextAsync(file, Manifest(harness.Image("shell"), "blue"));

            var mirror = await WaitForMirrorAsync(harness, name, p => KubeletHarness.IsRunningAndReady(p), "a Ready mirror pod");
            var hash = mirror.Metadata.Annotations[StaticPodAnnotations.Hash];
            Assert.Equal(hash, mirror.Metadata.Annotations[StaticPodAnnotations.Mirror]);
            Assert.Equal("file", mirror.Metadata.Annotations[StaticPodAnnotations.Source]);
            Assert.NotEqual(hash, mirror.Metadata.Uid);
            var node = await harness.Client.CoreV1.ReadNodeAsync(harness.NodeName);
            var owner = Assert.Single(mirror.Metadata.OwnerReferences);
            Assert.Equal(("Node", harness.NodeName, node.Metadata.Uid, (bool?)true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));
            var containerId = mirror.Status.ContainerStatuses.Single().ContainerID;
            Assert.Equal(name + "\n", await harness.ExecAsync(mirror, "main", "hostname"));

            // kubectl delete: graceful, so the kubelet sees deletionTimestamp, removes the mirror and makes a new one.
            await harness.Client.CoreV1.DeleteNamespacedPodAsync(name, "default");
            var recreated = await WaitForMirrorAsync(harness, name, p => p.Metadata.Uid != mirror.Metadata.Uid && KubeletHarness.IsRunningAndReady(p), "a new mirror");
            Assert.Equal(containerId, recreated.Status.ContainerStatuses.Single().ContainerID);

            await File.WriteAllTextAsync(file, Manifest(harness.Image("shell"), "green"));
            var edited = await WaitForMirrorAsync(harness, name,
                p => p.Metadata.Labels?.TryGetValue("color", out var color) == true && color == "green" && KubeletHarness.IsRunningAndReady(p)
                     && p.Status.ContainerStatuses.Single().ContainerID != containerId, "the edited pod");
            Assert.NotEqual(hash, edited.Metadata.Annotations[StaticPodAnnotations.Mirror]);
            await WaitForNoSandboxAsync(hash);

            File.Delete(file);
            await WaitForGoneAsync(harness, name);
            await WaitForNoSandboxAsync(edited.Metadata.Annotations[StaticPodAnnotations.Hash]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task KubeletRestart_KeepsTheStaticPodsContainerAndMirror()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var file = Path.Combine(ManifestDir, "kept.yaml");
        var name = $"web-{harness.NodeName}";
        try
        {
            Directory.CreateDirectory(ManifestDir);
            await File.WriteAllTextAsync(file, Manifest(harness.Image("shell"), "red"));
            var mirror = await WaitForMirrorAsync(harness, name, KubeletHarness.IsRunningAndReady, "a Ready mirror pod");
            var containerId = mirror.Status.ContainerStatuses.Single().ContainerID;

            await harness.RestartHostAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));

            var after = await WaitForMirrorAsync(harness, name, KubeletHarness.IsRunningAndReady, "the mirror after the restart");
            Assert.Equal(mirror.Metadata.Uid, after.Metadata.Uid);
            Assert.Equal(containerId, after.Status.ContainerStatuses.Single().ContainerID);
            Assert.Equal(0, after.Status.ContainerStatuses.Single().RestartCount);

            File.Delete(file);
            await WaitForGoneAsync(harness, name);
            await WaitForNoSandboxAsync(mirror.Metadata.Annotations[StaticPodAnnotations.Hash]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<V1Pod> WaitForMirrorAsync(KubeletHarness harness, string name, Func<V1Pod, bool> condition, string what)
    {
        var until = DateTime.UtcNow + Timeout;
        V1Pod? current = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                current = await harness.Client.CoreV1.ReadNamespacedPodAsync(name, "default");
                if (condition(current))
                {
                    return current;
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail($"timed out waiting for {what}; last seen: {(current is null ? "none" : KubernetesJson.Serialize(current))}");
        return null!;
    }

    private static async Task WaitForGoneAsync(KubeletHarness harness, string name)
    {
        var until = DateTime.UtcNow + Timeout;
        while ((await harness.Client.CoreV1.ListNamespacedPodAsync("default")).Items.Any(p => p.Metadata.Name == name))
        {
            Assert.True(DateTime.UtcNow < until, $"mirror pod {name} still there");
            await Task.Delay(200);
        }
    }

    private async Task WaitForNoSandboxAsync(string uid)
    {
        var until = DateTime.UtcNow + Timeout;
        while (true)
        {
            var sandboxes = await fixture.Runtime.Cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest());
            if (!sandboxes.Items.Any(s => s.Metadata.Uid == uid))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"the sandbox of static pod {uid} is still there");
            await Task.Delay(200);
        }
    }
}
