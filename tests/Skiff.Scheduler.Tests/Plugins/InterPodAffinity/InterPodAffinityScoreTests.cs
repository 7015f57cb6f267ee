using k8s.Models;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.InterPodAffinity;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityScoreTests
{
    public static TheoryData<string, int, bool, V1Pod, string> Cases => new()
    {
        { "no preferences on either side", 1, false, Pod("p", "default", "app=other"), "n1=0, n2=0, n3=0" },
        { "preferred affinity", 1, false, Pod("p", "default", "app=other").PreferredPodAffinity(5, "zone", "app=db"), "n1=100, n2=100, n3=0" },
        { "preferred anti-affinity", 1, false, Pod("p", "default", "app=other").PreferredPodAntiAffinity(5, "zone", "app=db"), "n1=0, n2=0, n3=100" },
        {
            "affinity and anti-affinity combine",
            1,
            false,
            Pod("p", "default", "app=other").PreferredPodAffinity(10, "kubernetes.io/hostname", "app=db").PreferredPodAntiAffinity(5, "zone", "app=db"),
            "n1=100, n2=0, n3=50"
        },
        { "an existing pod's required affinity to the pod attracts it", 1, false, Pod("p", "default", "app=web"), "n1=0, n2=0, n3=100" },
        { "hard affinity weight 0 ignores it", 0, false, Pod("p", "default", "app=web"), "n1=0, n2=0, n3=0" },
        { "an existing pod's preferred anti-affinity repels the pod", 1, false, Pod("p", "default", "app=shy"), "n1=100, n2=0, n3=100" },
        { "existing pods' preferences can be ignored", 1, true, Pod("p", "default", "app=web"), "n1=0, n2=0, n3=0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_WeighsPreferredTermsOfBothSides(string name, int hardPodAffinityWeight, bool ignoreExistingPreferences, V1Pod pod, string expected)
    {
        NodeInfo[] nodes =
        [
            Info(Node("n1", "zone=a"), Pod("db", "default", "app=db")),
            Info(Node("n2", "zone=a"), Pod("loner", "default", "app=loner").PreferredPodAntiAffinity(3, "kubernetes.io/hostname", "app=shy")),
            Info(Node("n3", "zone=b"), Pod("fan", "default", "app=fan").PodAffinity("zone", "app=web")),
        ];

        var scores = PluginRunner.Score(new InterPodAffinityPlugin(new InterPodAffinityOptions(hardPodAffinityWeight, ignoreExistingPreferences), Snapshot.From(nodes)), pod, nodes);

        Assert.True(expected == PluginRunner.Describe(scores), $"{name}: {PluginRunner.Describe(scores)}");
    }
}
