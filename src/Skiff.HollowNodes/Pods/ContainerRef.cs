namespace Skiff.HollowNodes.Pods;

/// <summary>The two facts about a container its status repeats.</summary>
internal readonly record struct ContainerRef(string Name, string Image);
