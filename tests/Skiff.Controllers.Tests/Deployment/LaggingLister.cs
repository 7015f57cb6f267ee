using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;

namespace Skiff.Controllers.Tests.Deployment;

/// <summary>A lister whose lists miss some objects that a direct get still finds, as a cache catching up would.</summary>
internal sealed class LaggingLister(ILister<V1ReplicaSet> inner, params string[] hidden) : ILister<V1ReplicaSet>
{
    public V1ReplicaSet? Get(ObjectKey key) => inner.Get(key);

    public IReadOnlyList<V1ReplicaSet> List(string? ns = null) => [.. inner.List(ns).Where(rs => !hidden.Contains(rs.Metadata.Name))];

    public IReadOnlyList<V1ReplicaSet> ByIndex(string indexName, string value) => inner.ByIndex(indexName, value);
}
