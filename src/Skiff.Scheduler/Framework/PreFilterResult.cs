namespace Skiff.Scheduler.Framework;

/// <summary>A PreFilter may narrow the nodes worth filtering (NodeName, NodeAffinity on metadata.name); null means all.</summary>
public sealed record PreFilterResult(IReadOnlySet<string>? NodeNames);
