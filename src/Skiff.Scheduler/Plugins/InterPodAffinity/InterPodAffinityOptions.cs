using System.Text.Json;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// InterPodAffinityArgs: the weight an existing pod's required affinity to the incoming pod adds to its node's
/// score (1), and whether existing pods' preferred terms count when the incoming pod has none (they do by default).
/// </summary>
internal sealed record InterPodAffinityOptions(int HardPodAffinityWeight = 1, bool IgnorePreferredTermsOfExistingPods = false)
{
    public static InterPodAffinityOptions FromArgs(JsonElement? args) =>
        new(args.Int("hardPodAffinityWeight") ?? 1, args.Bool("ignorePreferredTermsOfExistingPods") ?? false);
}
