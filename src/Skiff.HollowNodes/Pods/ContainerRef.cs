namespace Skiff.HollowNodes.Pods;

/// <summary>The two facts about a container its status repeats.</summary>
public readonly record struct ContainerRef(string Name, string Image);
