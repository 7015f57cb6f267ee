using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Controllers.ServiceAccount;

namespace Skiff.Controllers.Tests.ServiceAccount;

public sealed class ServiceAccountReconcilerTests
{
    private readonly ObjectCache<V1Namespace> _namespaces = new();
    private readonly ObjectCache<V1ServiceAccount> _accounts = new();
    private readonly FakeClient _api = new();

    private ServiceAccountReconciler Reconciler => new(_namespaces, _accounts, _api);

    private void AddNamespace(string name, string phase = "Active", bool deleting = false) => _namespaces.Upsert(new V1Namespace
    {
        Metadata = new V1ObjectMeta { Name = name, DeletionTimestamp = deleting ? DateTime.UtcNow : null },
        Status = new V1NamespaceStatus { Phase = phase },
    });

    private void AddAccount(string ns, string name) =>
        _accounts.Upsert(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } });

    [Fact]
    public async Task ActiveNamespaceWithoutDefaultAccount_GetsOne()
    {
        AddNamespace("team");
        AddAccount("team", "builder");

        await Reconciler.ReconcileAsync(new ObjectKey(null, "team"), default);

        var (ns, account) = Assert.Single(_api.Created);
        Assert.Equal(("team", "default", "team"), (ns, account.Metadata.Name, account.Metadata.NamespaceProperty));
    }

    [Theory]
    [InlineData("has-default", "Active", false)]
    [InlineData("terminating", "Terminating", false)]
    [InlineData("deleting", "Active", true)]
    [InlineData("missing", null, false)]
    public async Task NoAccountIsCreated(string name, string? phase, bool deleting)
    {
        if (phase is not null)
        {
            AddNamespace(name, phase, deleting);
        }

        AddAccount("has-default", "default");

        await Reconciler.ReconcileAsync(new ObjectKey(null, name), default);

        Assert.Empty(_api.Created);
    }

    [Fact]
    public async Task DeletedDefaultAccount_IsCreatedAgain()
    {
        AddNamespace("team");
        AddAccount("team", "default");
        await Reconciler.ReconcileAsync(new ObjectKey(null, "team"), default);
        Assert.Empty(_api.Created);

        _accounts.Delete(new ObjectKey("team", "default"));
        var queued = ServiceAccountReconciler.NamespaceOf(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = "team" } });
        foreach (var key in queued)
        {
            await Reconciler.ReconcileAsync(key, default);
        }

        Assert.Single(_api.Created);
    }

    [Fact]
    public void NamespaceOf_OnlyTheDefaultAccountQueuesItsNamespace()
    {
        Assert.Equal([new ObjectKey(null, "team")], ServiceAccountReconciler.NamespaceOf(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = "team" } }));
        Assert.Empty(ServiceAccountReconciler.NamespaceOf(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "builder", NamespaceProperty = "team" } }));
    }

    private sealed class FakeClient : IServiceAccountClient
    {
        public List<(string Ns, V1ServiceAccount Account)> Created { get; } = [];

        public Task CreateAsync(string ns, V1ServiceAccount account, CancellationToken ct)
        {
            Created.Add((ns, account));
            return Task.CompletedTask;
        }
    }
}
