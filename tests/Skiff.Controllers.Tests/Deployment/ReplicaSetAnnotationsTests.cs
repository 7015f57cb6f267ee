using k8s.Models;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class ReplicaSetAnnotationsTests
{
    private static V1Deployment Deployment(Dictionary<string, string> annotations) =>
        new()
        {
            Metadata = new V1ObjectMeta { Name = "web", Annotations = annotations },
            Spec = new V1DeploymentSpec
            {
                Replicas = 4,
                Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = "25%" } },
            },
        };

    private static V1ReplicaSet Set(Dictionary<string, string>? annotations) => new() { Metadata = new V1ObjectMeta { Name = "rs", Annotations = annotations } };

    [Fact]
    public void NewSet_GetsRevisionReplicaAnnotationsAndTheDeploymentsOwn_ButNotItsBookkeeping()
    {
        var d = Deployment(new()
        {
            [DeploymentAnnotations.ChangeCause] = "because",
            ["team"] = "a",
            [DeploymentAnnotations.Revision] = "9",
            [DeploymentAnnotations.LastAppliedConfig] = "{}",
        });
        var rs = Set(null);

        Assert.True(ReplicaSetAnnotations.SetForNewReplicaSet(d, rs, 3, exists: false));

        Assert.Equal(
            new Dictionary<string, string>
            {
                [DeploymentAnnotations.ChangeCause] = "because",
                ["team"] = "a",
                [DeploymentAnnotations.Revision] = "3",
                [DeploymentAnnotations.DesiredReplicas] = "4",
                [DeploymentAnnotations.MaxReplicas] = "5",
            },
            rs.Metadata.Annotations);
    }

    [Fact]
    public void Revision_IsNeverLowered()
    {
        var rs = Set(new() { [DeploymentAnnotations.Revision] = "7" });

        Assert.False(ReplicaSetAnnotations.SetForNewReplicaSet(Deployment([]), rs, 5, exists: true));

        Assert.Equal("7", rs.Metadata.Annotations[DeploymentAnnotations.Revision]);
        Assert.False(rs.Metadata.Annotations.ContainsKey(DeploymentAnnotations.RevisionHistory));
    }

    [Fact]
    public void RevisionHistory_DropsTheOldestEntriesPastTwoThousandCharacters()
    {
        var entries = Enumerable.Range(1000, 400).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var history = string.Join(',', entries);
        var rs = Set(new() { [DeploymentAnnotations.Revision] = "5000", [DeploymentAnnotations.RevisionHistory] = history });

        ReplicaSetAnnotations.SetForNewReplicaSet(Deployment([]), rs, 6000, exists: true);

        var kept = rs.Metadata.Annotations[DeploymentAnnotations.RevisionHistory];
        Assert.True(kept.Length <= DeploymentAnnotations.MaxRevisionHistoryChars, $"{kept.Length} characters");
        Assert.EndsWith(",5000", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("1000,", kept, StringComparison.Ordinal);
        Assert.Contains("1399", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void RollbackCopy_BringsTheSetsAnnotationsBack_KeepingTheDeploymentsBookkeeping()
    {
        var d = Deployment(new() { [DeploymentAnnotations.ChangeCause] = "v2", [DeploymentAnnotations.Revision] = "2", ["extra"] = "x" });
        var rs = Set(new() { [DeploymentAnnotations.ChangeCause] = "v1", [DeploymentAnnotations.Revision] = "1", [DeploymentAnnotations.DesiredReplicas] = "4" });

        ReplicaSetAnnotations.CopyToDeployment(rs, d);

        Assert.Equal(new Dictionary<string, string> { [DeploymentAnnotations.ChangeCause] = "v1", [DeploymentAnnotations.Revision] = "2" }, d.Metadata.Annotations);
    }
}
