namespace Skiff.ApiServer.CustomResources;

/// <summary>A version's scale subresource: where replicas and the selector live in the custom object.</summary>
internal sealed record ScalePaths(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
