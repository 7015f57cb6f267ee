using Skiff.Scheduler.Config;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Config;

public sealed class SchedulerConfigLoaderTests
{
    [Fact]
    public void Default_IsUpstreamsPluginSetWithItsWeights()
    {
        var profile = Assert.Single(SchedulerConfigLoader.Default().Profiles);

        Assert.Equal("default-scheduler", profile.SchedulerName);
        var weights = profile.MultiPoint.Where(p => p.Weight > 0).ToDictionary(p => p.Name, p => p.Weight);
        Assert.Equal(3, weights["TaintToleration"]);
        Assert.Equal(2, weights["NodeAffinity"]);
        Assert.Equal(1, weights["NodeResourcesFit"]);
        Assert.Equal(2, weights["PodTopologySpread"]);
        Assert.Equal(2, weights["InterPodAffinity"]);
        Assert.Equal(1, weights["NodeResourcesBalancedAllocation"]);
        Assert.Equal(1, weights["ImageLocality"]);
        Assert.Contains(profile.MultiPoint, p => p.Name == "DefaultPreemption");
    }

    [Fact]
    public void Parse_ReadsProfilesPluginsWeightsAndArgs()
    {
        const string yaml = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            percentageOfNodesToScore: 30
            profiles:
            - schedulerName: default-scheduler
              plugins:
                multiPoint:
                  enabled:
                  - name: TaintToleration
                    weight: 7
                  disabled:
                  - name: ImageLocality
                score:
                  disabled:
                  - name: NodeResourcesBalancedAllocation
              pluginConfig:
              - name: NodeResourcesFit
                args:
                  scoringStrategy:
                    type: MostAllocated
                    resources:
                    - name: cpu
                      weight: 1
            - schedulerName: bin-packer
              percentageOfNodesToScore: 100
              plugins:
                multiPoint:
                  disabled:
                  - name: '*'
                  enabled:
                  - name: PrioritySort
                  - name: NodeResourcesFit
                    weight: 5
                  - name: DefaultBinder
            """;

        var settings = SchedulerConfigLoader.Parse(yaml);

        Assert.Equal(30, settings.PercentageOfNodesToScore);
        Assert.Equal(["default-scheduler", "bin-packer"], settings.Profiles.Select(p => p.SchedulerName));
        var first = settings.Profiles[0];
        Assert.Equal(7, first.MultiPoint.Single(p => p.Name == "TaintToleration").Weight);
        Assert.DoesNotContain(first.MultiPoint, p => p.Name == "ImageLocality");
        Assert.Equal(4, first.MultiPoint.FindIndex(p => p.Name == "TaintToleration"));
        Assert.Contains("NodeResourcesBalancedAllocation", first.Disabled[ExtensionPoint.Score]);
        var args = first.PluginArgs["NodeResourcesFit"];
        Assert.Equal("MostAllocated", args.GetProperty("scoringStrategy").GetProperty("type").GetString());
        Assert.Equal(1, args.GetProperty("scoringStrategy").GetProperty("resources")[0].GetProperty("weight").GetInt32());

        var second = settings.Profiles[1];
        Assert.Equal(100, second.PercentageOfNodesToScore);
        Assert.Equal([("PrioritySort", 0), ("NodeResourcesFit", 5), ("DefaultBinder", 0)], second.MultiPoint.Select(p => (p.Name, p.Weight)));
    }

    [Theory]
    [InlineData("apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\n")]
    [InlineData("percentageOfNodesToScore: 120\n")]
    [InlineData("profiles:\n- schedulerName: a\n- schedulerName: a\n")]
    public void Parse_RejectsInvalidConfigurations(string yaml)
    {
        Assert.Throws<InvalidDataException>(() => SchedulerConfigLoader.Parse(yaml));
    }
}
