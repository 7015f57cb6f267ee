namespace Skiff.E2E.Kubelet;

/// <summary>The kubelet end-to-end classes share one server with a real containerd, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AgentCollection : ICollectionFixture<AgentServerFixture>
{
    public const string Name = "skiff server with its kubelet";
}
