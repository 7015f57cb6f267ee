using Skiff.Api.Catalog;
using Skiff.ApiServer.CustomResources;

namespace Skiff.ApiServer.Tests.CustomResources;

public sealed class CrdNamingTests
{
    private static readonly ResourceInfo Gizmos = new()
    {
        Group = "example.com", Version = "v1", Resource = "gizmos", Kind = "Gizmo", SingularName = "gizmo", Namespaced = true, ShortNames = ["gz"],
    };

    [Fact]
    public void Decide_NoConflicts_AcceptsTheRequestedNames()
    {
        var result = CrdNaming.Decide(CrdFixtures.Widgets(), [Gizmos], _ => false);

        Assert.True(result.AllAccepted);
        Assert.Equal(("NoConflicts", "no conflicts found"), (result.Reason, result.Message));
        Assert.Equal("widgets", result.Accepted.Plural);
        Assert.Equal(["wd"], result.Accepted.ShortNames);
    }

    [Theory]
    [InlineData("plural", "gizmos", "PluralConflict", "\"gizmos\" is already in use")]
    [InlineData("singular", "gizmo", "SingularConflict", "\"gizmo\" is already in use")]
    [InlineData("kind", "Gizmo", "KindConflict", "\"Gizmo\" is already in use")]
    [InlineData("listKind", "GizmoList", "ListKindConflict", "\"GizmoList\" is already in use")]
    public void Decide_NameUsedInTheSameGroup_IsRefused(string field, string value, string reason, string message)
    {
        var crd = CrdFixtures.Widgets();
        crd["spec"]!["names"]![field] = value;

        var result = CrdNaming.Decide(crd, [Gizmos], _ => false);

        Assert.False(result.AllAccepted);
        Assert.Equal((reason, message), (result.Reason, result.Message));
    }

    [Fact]
    public void Decide_ShortNameConflict_KeepsThePreviouslyAcceptedShortNames()
    {
        var crd = CrdFixtures.Widgets();
        crd["spec"]!["names"]!["shortNames"] = new System.Text.Json.Nodes.JsonArray("gz");

        var result = CrdNaming.Decide(crd, [Gizmos], _ => false);

        Assert.Equal("ShortNamesConflict", result.Reason);
        Assert.Empty(result.Accepted.ShortNames);
    }

    [Fact]
    public void Decide_SameNameInAnotherGroup_IsNoConflict()
    {
        var other = Gizmos with { Group = "other.io", Resource = "widgets", Kind = "Widget" };

        Assert.True(CrdNaming.Decide(CrdFixtures.Widgets(), [other], _ => false).AllAccepted);
    }

    [Fact]
    public void Decide_ItsOwnEntries_AreNoConflict()
    {
        var own = Gizmos with { Resource = "widgets", Kind = "Widget", SingularName = "widget" };

        Assert.True(CrdNaming.Decide(CrdFixtures.Widgets(), [own], r => r.Resource == "widgets").AllAccepted);
    }
}
