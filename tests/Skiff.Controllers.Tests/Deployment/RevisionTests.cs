using k8s.Models;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class RevisionTests
{
    private static string Annotation(V1ReplicaSet rs, string key) => rs.Metadata.Annotations.TryGetValue(key, out var v) ? v : "none";

    private static async Task<DeploymentHarness> TwoRevisionsAsync()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2);
        h.Edit(d => d.Metadata.Annotations = new Dictionary<string, string> { [DeploymentAnnotations.ChangeCause] = "create v1" });
        await h.SettleAsync();
        h.Edit(d =>
        {
            d.Metadata.Annotations[DeploymentAnnotations.ChangeCause] = "set image v2";
            d.Spec.Template.Spec.Containers[0].Image = "nginx:2";
        });
        await h.SettleAsync();
        return h;
    }

    [Fact]
    public async Task EachTemplate_GetsTheNextRevision_AndItsChangeCause()
    {
        var h = await TwoRevisionsAsync();

        var v1 = h.SetWithImage("nginx:1");
        var v2 = h.SetWithImage("nginx:2");
        Assert.Equal(("1", "create v1"), (Annotation(v1, DeploymentAnnotations.Revision), Annotation(v1, DeploymentAnnotations.ChangeCause)));
        Assert.Equal(("2", "set image v2"), (Annotation(v2, DeploymentAnnotations.Revision), Annotation(v2, DeploymentAnnotations.ChangeCause)));
        Assert.Equal("2", h.Get().Metadata.Annotations[DeploymentAnnotations.Revision]);
        Assert.Equal(("2", "3"), (Annotation(v2, DeploymentAnnotations.DesiredReplicas), Annotation(v2, DeploymentAnnotations.MaxReplicas)));
    }

    [Fact]
    public async Task KubectlUndo_ReusesTheOldSet_WithANewRevisionAndHistory()
    {
        var h = await TwoRevisionsAsync();
        var v1 = h.SetWithImage("nginx:1");

        // What kubectl 1.27+ does for "rollout undo": patch the template (hash label dropped) and the set's annotations.
        h.Edit(d =>
        {
            d.Spec.Template = ModelCopy.Of(v1.Spec.Template);
            d.Spec.Template.Metadata.Labels.Remove(DeploymentAnnotations.PodTemplateHashLabel);
            d.Metadata.Annotations[DeploymentAnnotations.ChangeCause] = v1.Metadata.Annotations[DeploymentAnnotations.ChangeCause];
        });
        await h.SettleAsync();

        Assert.Equal(2, h.Sets().Count);
        var reused = h.SetWithImage("nginx:1");
        Assert.Equal(v1.Metadata.Uid, reused.Metadata.Uid);
        Assert.Equal("3", Annotation(reused, DeploymentAnnotations.Revision));
        Assert.Equal("1", Annotation(reused, DeploymentAnnotations.RevisionHistory));
        Assert.Equal("create v1", Annotation(reused, DeploymentAnnotations.ChangeCause));
        Assert.Equal(2, reused.Spec.Replicas);
        Assert.Equal(0, h.SetWithImage("nginx:2").Spec.Replicas);
        Assert.Equal("3", h.Get().Metadata.Annotations[DeploymentAnnotations.Revision]);
    }

    [Fact]
    public async Task RepeatedUndo_AppendsToRevisionHistory()
    {
        var h = await TwoRevisionsAsync();
        for (var i = 0; i < 2; i++)
        {
            foreach (var image in new[] { "nginx:1", "nginx:2" })
            {
                h.SetImage(image);
                await h.SettleAsync();
            }
        }

        Assert.Equal(("5", "1,3"), (Annotation(h.SetWithImage("nginx:1"), DeploymentAnnotations.Revision), Annotation(h.SetWithImage("nginx:1"), DeploymentAnnotations.RevisionHistory)));
        Assert.Equal(("6", "2,4"), (Annotation(h.SetWithImage("nginx:2"), DeploymentAnnotations.Revision), Annotation(h.SetWithImage("nginx:2"), DeploymentAnnotations.RevisionHistory)));
    }

    [Fact]
    public async Task LegacyRollbackAnnotation_RestoresThePreviousTemplateAndChangeCause()
    {
        var h = await TwoRevisionsAsync();
        h.Edit(d => d.Metadata.Annotations[DeploymentAnnotations.DeprecatedRollbackTo] = "0");

        await h.ReconcileAsync();

        var d = h.Get();
        Assert.False(d.Metadata.Annotations.ContainsKey(DeploymentAnnotations.DeprecatedRollbackTo));
        Assert.Equal("nginx:1", d.Spec.Template.Spec.Containers[0].Image);
        Assert.False(d.Spec.Template.Metadata.Labels.ContainsKey(DeploymentAnnotations.PodTemplateHashLabel));
        Assert.Equal("create v1", d.Metadata.Annotations[DeploymentAnnotations.ChangeCause]);
        Assert.Equal(["Rolled back deployment \"web\" to revision 1"], h.Events.Messages("DeploymentRollback"));

        await h.SettleAsync();
        Assert.Equal("3", Annotation(h.SetWithImage("nginx:1"), DeploymentAnnotations.Revision));
    }

    [Theory]
    [InlineData("7", "Unable to find the revision to rollback to.")]
    [InlineData("2", "The rollback revision contains the same template as current deployment \"web\"")]
    public async Task LegacyRollbackAnnotation_ThatCannotApply_WarnsAndIsCleared(string revision, string message)
    {
        var h = await TwoRevisionsAsync();
        h.Edit(d => d.Metadata.Annotations[DeploymentAnnotations.DeprecatedRollbackTo] = revision);

        await h.ReconcileAsync();

        Assert.False(h.Get().Metadata.Annotations.ContainsKey(DeploymentAnnotations.DeprecatedRollbackTo));
        Assert.Contains(h.Events.All, e => e.Type == "Warning" && e.Message == message);
        Assert.Equal("nginx:2", h.Get().Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task RolloutRestart_TemplateAnnotation_MakesANewSet()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1);
        await h.SettleAsync();

        h.Edit(d => d.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { ["kubectl.kubernetes.io/restartedAt"] = "2026-01-01T00:00:00Z" });
        await h.SettleAsync();

        Assert.Equal(2, h.Sets().Count);
        Assert.Equal("2", Annotation(h.Sets()[^1], DeploymentAnnotations.Revision));
        Assert.Equal(1, h.Sets()[^1].Spec.Replicas);
    }

    [Fact]
    public async Task RevisionHistoryLimit_DeletesTheOldestEmptySets()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1, revisionHistoryLimit: 2);
        foreach (var version in Enumerable.Range(1, 5))
        {
            h.SetImage($"nginx:{version}");
            await h.SettleAsync();
        }

        var revisions = h.Sets().Select(rs => Annotation(rs, DeploymentAnnotations.Revision)).ToList();
        Assert.Equal(["3", "4", "5"], revisions);
        Assert.Contains(h.Writer.Log, l => l.StartsWith("delete web-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevisionHistoryLimitZero_KeepsNoOldSets()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1, revisionHistoryLimit: 0);
        await h.SettleAsync();
        h.SetImage("nginx:2");

        await h.SettleAsync();

        Assert.Equal("nginx:2", Assert.Single(h.Sets()).Spec.Template.Spec.Containers[0].Image);
    }
}
