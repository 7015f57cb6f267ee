using System.Text.Json;
using k8s.Models;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.NodeAffinity;

/// <summary>NodeAffinityArgs: node affinity the scheduler adds to every pod of its profile (none by default).</summary>
internal sealed record NodeAffinityOptions(V1NodeAffinity? AddedAffinity = null)
{
    public static NodeAffinityOptions FromArgs(JsonElement? args) => new(args.Model<V1NodeAffinity>("addedAffinity"));
}
