using k8s.Models;
using Skiff.Controllers.Namespace;

namespace Skiff.Controllers.Tests.Namespace;

public sealed class NamespaceConditionsTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered")]
    [InlineData("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed")]
    [InlineData("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization")]
    [InlineData("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed")]
    [InlineData("NamespaceFinalizersRemaining", "ContentRemoved", "All content successfully removed")]
    public void Update_NothingWrong_SetsEachConditionFalseWithUpstreamWording(string type, string reason, string message)
    {
        var status = new V1NamespaceStatus();

        Assert.True(NamespaceConditions.Update(status, NamespaceConditions.Failures(new ContentTotals()), T0));

        var condition = Assert.Single(status.Conditions, c => c.Type == type);
        Assert.Equal(("False", reason, message, (DateTime?)T0), (condition.Status, condition.Reason, condition.Message, condition.LastTransitionTime));
        Assert.Equal(5, status.Conditions.Count);
    }

    [Fact]
    public void Failures_RemainingContentAndFinalizers_AreListedSorted()
    {
        var totals = new ContentTotals();
        totals.Remaining["widgets.example.com"] = 2;
        totals.Remaining["pods."] = 3;
        totals.Finalizers["example.com/hold"] = 2;
        totals.Finalizers["foregroundDeletion"] = 1;

        var failures = NamespaceConditions.Failures(totals).ToDictionary(c => c.Type);

        Assert.Equal("SomeResourcesRemain", failures["NamespaceContentRemaining"].Reason);
        Assert.Equal("Some resources are remaining: pods. has 3 resource instances, widgets.example.com has 2 resource instances", failures["NamespaceContentRemaining"].Message);
        Assert.Equal("SomeFinalizerRemain", failures["NamespaceFinalizersRemaining"].Reason);
        Assert.Equal("Some finalizers are remaining: example.com/hold in 2 resource instances, foregroundDeletion in 1 resource instances", failures["NamespaceFinalizersRemaining"].Message);
    }

    [Fact]
    public void Failures_ContentErrorsAndDiscovery_UseUpstreamReasons()
    {
        var totals = new ContentTotals { DiscoveryFailure = "Discovery failed for some groups, 1 failing: boom" };
        totals.ContentErrors.Add("b failed");
        totals.ContentErrors.Add("a failed");

        var failures = NamespaceConditions.Failures(totals).ToDictionary(c => c.Type);

        Assert.Equal(("True", "DiscoveryFailed"), (failures["NamespaceDeletionDiscoveryFailure"].Status, failures["NamespaceDeletionDiscoveryFailure"].Reason));
        Assert.Equal("ContentDeletionFailed", failures["NamespaceDeletionContentFailure"].Reason);
        Assert.Equal("Failed to delete all resource types, 2 remaining: a failed, b failed", failures["NamespaceDeletionContentFailure"].Message);
    }

    [Fact]
    public void Update_TransitionTimeMovesOnlyWhenStatusFlips()
    {
        var status = new V1NamespaceStatus();
        var remaining = new ContentTotals();
        remaining.Remaining["pods."] = 3;
        NamespaceConditions.Update(status, NamespaceConditions.Failures(remaining), T0);

        var fewer = new ContentTotals();
        fewer.Remaining["pods."] = 1;
        Assert.True(NamespaceConditions.Update(status, NamespaceConditions.Failures(fewer), T0.AddMinutes(1)));
        Assert.Equal(T0, status.Conditions.Single(c => c.Type == "NamespaceContentRemaining").LastTransitionTime);

        Assert.False(NamespaceConditions.Update(status, NamespaceConditions.Failures(fewer), T0.AddMinutes(2)));

        Assert.True(NamespaceConditions.Update(status, NamespaceConditions.Failures(new ContentTotals()), T0.AddMinutes(3)));
        var done = status.Conditions.Single(c => c.Type == "NamespaceContentRemaining");
        Assert.Equal(("False", (DateTime?)T0.AddMinutes(3)), (done.Status, done.LastTransitionTime));
    }
}
