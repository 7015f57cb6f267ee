using k8s.Models;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Tests.Plugins.Shared;

public sealed class TolerationMatcherTests
{
    [Theory]
    [InlineData("k", "Equal", "v", "NoSchedule", true)]
    [InlineData("k", null, "v", "NoSchedule", true)]
    [InlineData("k", "Equal", "w", "NoSchedule", false)]
    [InlineData("k", "Exists", null, "NoSchedule", true)]
    [InlineData("k", "Exists", null, null, true)]
    [InlineData("k", "Exists", null, "NoExecute", false)]
    [InlineData("other", "Exists", null, null, false)]
    [InlineData(null, "Exists", null, null, true)]
    [InlineData(null, "Equal", "v", null, true)]
    [InlineData("k", "Lt", "v", null, false)]
    public void Tolerates_FollowsUpstreamRules(string? key, string? op, string? value, string? effect, bool expected)
    {
        var toleration = new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect };

        Assert.Equal(expected, TolerationMatcher.Tolerates(toleration, new V1Taint { Key = "k", Value = "v", Effect = "NoSchedule" }));
    }
}
