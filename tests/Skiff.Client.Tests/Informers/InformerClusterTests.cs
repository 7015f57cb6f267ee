using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Informers;
using Skiff.Testing;

namespace Skiff.Client.Tests.Informers;

[Trait("Category", "Slow")]
public sealed class InformerClusterTests
{
    [Fact]
    public async Task Informer_AgainstTheApiServer_FollowsChangesAcrossWatchRestarts()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "inf" } });
        for (var i = 1; i <= 3; i++)
        {
            await Create(client, "cm" + i);
        }

        using var stop = new CancellationTokenSource();
        var options = new InformerOptions { PageSize = 2, MinWatchTimeout = TimeSpan.FromSeconds(1) };
        var factory = new SharedInformerFactory(client, TimeProvider.System, NullLoggerFactory.Instance, options);
        var informer = factory.Get<V1ConfigMap>();
        var seen = new ConcurrentQueue<string>();
        informer.AddHandler(e =>
        {
            if (e.Object.Metadata.NamespaceProperty == "inf")
            {
                seen.Enqueue($"{e.Type} {e.Object.Metadata.Name}");
            }
        });
        factory.Start(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, informer.Lister.List("inf").Count);

        await Create(client, "cm4");
        var cm1 = await client.CoreV1.ReadNamespacedConfigMapAsync("cm1", "inf");
        cm1.Data = new Dictionary<string, string> { ["k"] = "v" };
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(cm1, "cm1", "inf");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("cm2", "inf");

        // Each watch ends after one to two seconds; changes after that arrive on a resumed watch.
        await Task.Delay(2500);
        await Create(client, "cm5");

        await Eventually.TrueAsync(() => informer.Lister.Get("inf", "cm5") is not null, "cm5 after the watch restarted", 30_000);
        Assert.Equal(["cm1", "cm3", "cm4", "cm5"], informer.Lister.List("inf").Select(c => c.Metadata.Name).Order());
        Assert.Equal("v", informer.Lister.Get("inf", "cm1")!.Data["k"]);

        // Handlers run after the cache is updated, on their own loop, so the lister can be ahead of them.
        await Eventually.TrueAsync(() => seen.Contains("Added cm5"), "the handler saw cm5", 30_000);
        Assert.Equal(["Added cm1", "Added cm2", "Added cm3", "Added cm4", "Added cm5", "Deleted cm2", "Modified cm1"], seen.Distinct().Order());
    }

    private static Task<V1ConfigMap> Create(IKubernetes client, string name) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, "inf");
}
