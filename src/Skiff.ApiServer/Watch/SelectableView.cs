namespace Skiff.ApiServer.Watch;

/// <summary>What label and field selectors read of one cached object.</summary>
public sealed record SelectableView(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Fields);
