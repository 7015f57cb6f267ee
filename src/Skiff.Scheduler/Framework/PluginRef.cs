namespace Skiff.Scheduler.Framework;

/// <summary>A plugin named in a profile; <see cref="Weight"/> matters for Score only (0 means upstream's default of 1).</summary>
public sealed record PluginRef(string Name, int Weight = 0);
