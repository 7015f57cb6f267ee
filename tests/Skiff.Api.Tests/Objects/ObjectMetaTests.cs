using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.Api.Tests.Objects;

public sealed class ObjectMetaTests
{
    [Fact]
    public void Getters_ReadStandardFields()
    {
        var obj = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod","uid":"u-1",
             "resourceVersion":"42","generation":3,"creationTimestamp":"2024-05-01T10:00:00Z",
             "deletionTimestamp":"2024-05-02T11:30:00.5+02:00","labels":{"app":"web"},"annotations":{"a":"b"},
             "finalizers":["x","y"],
             "ownerReferences":[{"apiVersion":"v1","kind":"Thing","name":"t","uid":"u-0","controller":true}]}}
            """)!.AsObject();

        Assert.Equal(("apps/v1", "Deployment"), (obj.GetApiVersion(), obj.GetKind()));
        Assert.Equal(("web", "prod", "u-1", "42"), (obj.GetName(), obj.GetNamespace(), obj.GetUid(), obj.GetResourceVersion()));
        Assert.Equal(3, obj.GetGeneration());
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), obj.GetCreationTimestamp());
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 9, 30, 0, 500, TimeSpan.Zero), obj.GetDeletionTimestamp());
        Assert.Equal("web", obj.GetLabels()["app"]);
        Assert.Equal("b", obj.GetAnnotations()["a"]);
        Assert.Equal(["x", "y"], obj.GetFinalizers());
        Assert.Equal(new OwnerReference("v1", "Thing", "t", "u-0", true), obj.GetControllerReference());
    }

    [Fact]
    public void Getters_OnBareObject_ReturnNullsAndEmpties()
    {
        var obj = new JsonObject();

        Assert.Null(obj.GetName());
        Assert.Null(obj.GetGeneration());
        Assert.Null(obj.GetCreationTimestamp());
        Assert.Empty(obj.GetLabels());
        Assert.Empty(obj.GetFinalizers());
        Assert.Empty(obj.GetOwnerReferences());
        Assert.Null(obj.GetControllerReference());
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00.987654321Z", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00Z")]
    public void SetCreationTimestamp_WritesUtcSecondsWithZ(string input, string expected)
    {
        var obj = new JsonObject();
        Assert.True(KubeTime.TryParse(input, out var time));

        obj.SetCreationTimestamp(time);

        Assert.Equal(expected, (string?)obj["metadata"]!["creationTimestamp"]);
    }

    [Fact]
    public void FormatMicro_KeepsSixFractionDigits()
    {
        var time = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567);

        Assert.Equal("2024-05-01T10:00:00.123456Z", KubeTime.FormatMicro(time));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-05-01")]
    [InlineData("yesterday")]
    public void TryParse_RejectsNonRfc3339(string text) => Assert.False(KubeTime.TryParse(text, out _));

    [Fact]
    public void Setters_WriteFieldsAndRemoveEmptyOnes()
    {
        var obj = JsonNode.Parse("""{"kind":"Pod","spec":{"x":1}}""")!.AsObject();

        obj.SetName("p");
        obj.SetNamespace("default");
        obj.SetUid("u");
        obj.SetResourceVersion("7");
        obj.SetGeneration(1);
        obj.SetLabels(new Dictionary<string, string> { ["app"] = "web" });
        obj.SetAnnotation("note", "hi");
        obj.AddFinalizer("f");
        obj.SetOwnerReferences([new OwnerReference("apps/v1", "ReplicaSet", "rs", "u-2", true, true)]);

        Assert.Equal(
            """{"kind":"Pod","spec":{"x":1},"metadata":{"name":"p","namespace":"default","uid":"u","resourceVersion":"7","generation":1,"labels":{"app":"web"},"annotations":{"note":"hi"},"finalizers":["f"],"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u-2","controller":true,"blockOwnerDeletion":true}]}}""",
            obj.ToJsonString());

        obj.SetAnnotation("note", null);
        obj.RemoveFinalizer("f");
        obj.SetLabels(new Dictionary<string, string>());
        obj.SetOwnerReferences([]);
        obj.SetGeneration(null);

        Assert.Equal("""{"kind":"Pod","spec":{"x":1},"metadata":{"name":"p","namespace":"default","uid":"u","resourceVersion":"7"}}""", obj.ToJsonString());
    }

    [Fact]
    public void AddFinalizer_IsIdempotent()
    {
        var obj = new JsonObject();

        Assert.True(obj.AddFinalizer("a"));
        Assert.False(obj.AddFinalizer("a"));
        Assert.True(obj.HasFinalizer("a"));
        Assert.False(obj.RemoveFinalizer("b"));
        Assert.Equal(["a"], obj.GetFinalizers());
    }

    [Fact]
    public void SetDeletionTimestamp_Null_RemovesField()
    {
        var obj = new JsonObject();
        obj.SetDeletionTimestamp(DateTimeOffset.UnixEpoch);
        obj.SetDeletionGracePeriodSeconds(30);

        Assert.Equal("1970-01-01T00:00:00Z", (string?)obj["metadata"]!["deletionTimestamp"]);
        Assert.Equal(30, obj.GetDeletionGracePeriodSeconds());

        obj.SetDeletionTimestamp(null);
        Assert.Null(obj.GetDeletionTimestamp());
    }
}
