using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Controllers.Tests.Components;

[Trait("Category", "Slow")]
public sealed class GarbageCollectionComponentTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    private IKubernetes Client => cluster.Client;

    [Fact]
    public async Task BackgroundDelete_RemovesDependents()
    {
        var owner = await CreateAsync("bg-owner");
        await CreateAsync("bg-child-1", owner);
        await CreateAsync("bg-child-2", owner);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("bg-owner", "default", new V1DeleteOptions { PropagationPolicy = "Background" });

        await ControllerCluster.EventuallyAsync(async () => !await ExistsAsync("bg-child-1") && !await ExistsAsync("bg-child-2"), "dependents to be collected");
    }

    [Fact]
    public async Task ForegroundDelete_OwnerWaitsForBlockingDependentsThenGoes()
    {
        var owner = await CreateAsync("fg-owner");
        await CreateAsync("fg-child", owner, block: true);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("fg-owner", "default", new V1DeleteOptions { PropagationPolicy = "Foreground" });
        var deleting = await Client.CoreV1.ReadNamespacedConfigMapAsync("fg-owner", "default");
        Assert.Contains("foregroundDeletion", deleting.Metadata.Finalizers);

        await ControllerCluster.EventuallyAsync(async () => !await ExistsAsync("fg-child") && !await ExistsAsync("fg-owner"), "dependent then owner to go");
    }

    [Fact]
    public async Task OrphanDelete_LeavesDependentsWithoutTheReference()
    {
        var owner = await CreateAsync("or-owner");
        var other = await CreateAsync("or-other");
        await CreateAsync("or-child", owner, also: other);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("or-owner", "default", new V1DeleteOptions { PropagationPolicy = "Orphan" });

        await ControllerCluster.EventuallyAsync(async () => !await ExistsAsync("or-owner"), "owner to go once orphaning is done");
        var child = await Client.CoreV1.ReadNamespacedConfigMapAsync("or-child", "default");
        Assert.Equal(["or-other"], child.Metadata.OwnerReferences.Select(o => o.Name));
    }

    [Fact]
    public async Task DanglingOwnerReference_DependentIsDeleted()
    {
        var ghost = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "never-existed", Uid = Guid.NewGuid().ToString() } };
        await CreateAsync("dangling-child", ghost);

        await ControllerCluster.EventuallyAsync(async () => !await ExistsAsync("dangling-child"), "dependent of an absent owner to go");
    }

    private async Task<V1ConfigMap> CreateAsync(string name, V1ConfigMap? owner = null, bool block = false, V1ConfigMap? also = null)
    {
        var owners = new[] { owner, also }.OfType<V1ConfigMap>()
            .Select(o => new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = o.Metadata.Name, Uid = o.Metadata.Uid, BlockOwnerDeletion = block && o == owner ? true : null })
            .ToList();
        var map = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners.Count == 0 ? null : owners },
        };
        return await Client.CoreV1.CreateNamespacedConfigMapAsync(map, "default");
    }

    private async Task<bool> ExistsAsync(string name)
    {
        try
        {
            await Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default");
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
