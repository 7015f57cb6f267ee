namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>A topology domain: a node label key and one of its values ("topology.kubernetes.io/zone" = "a").</summary>
internal readonly record struct TopologyPair(string Key, string Value);
