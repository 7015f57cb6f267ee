namespace Skiff.Kubelet.Tests.Runtime;

/// <summary>Every test that needs the real containerd shares one, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RuntimeCollection : ICollectionFixture<RuntimeFixture>
{
    public const string Name = "containerd";
}
