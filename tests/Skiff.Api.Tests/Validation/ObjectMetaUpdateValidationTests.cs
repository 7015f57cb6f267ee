using System.Text.Json.Nodes;
using Skiff.Api.Objects;
using Skiff.Api.Validation;

namespace Skiff.Api.Tests.Validation;

public sealed class ObjectMetaUpdateValidationTests
{
    private const string Stored = """
        {"metadata":{"name":"web","namespace":"prod","uid":"u-1","resourceVersion":"5","generation":4,
         "creationTimestamp":"2024-05-01T10:00:00Z","finalizers":["a"]}}
        """;

    [Theory]
    [InlineData("""{"metadata":{"name":"web","namespace":"prod","uid":"u-1","resourceVersion":"5","generation":4}}""", "")]
    [InlineData("""{"metadata":{"name":"web","namespace":"prod","uid":"u-1","generation":4}}""", "metadata.resourceVersion: Invalid value: \"\": must be specified for an update")]
    [InlineData("""{"metadata":{"name":"api","namespace":"prod","uid":"u-1","resourceVersion":"5","generation":4}}""", "metadata.name: Invalid value: \"api\": field is immutable")]
    [InlineData("""{"metadata":{"name":"web","namespace":"dev","uid":"u-1","resourceVersion":"5","generation":4}}""", "metadata.namespace: Invalid value: \"dev\": field is immutable")]
    [InlineData("""{"metadata":{"name":"web","namespace":"prod","uid":"u-2","resourceVersion":"5","generation":4}}""", "metadata.uid: Invalid value: \"u-2\": field is immutable")]
    [InlineData("""{"metadata":{"name":"web","namespace":"prod","uid":"u-1","resourceVersion":"5","generation":3}}""", "metadata.generation: Invalid value: 3: must not be decremented")]
    public void Validate_ReportsUpstreamErrors(string updated, string expected)
    {
        var errors = ObjectMetaUpdateValidation.Validate(Parse(updated), Parse(Stored));

        Assert.Equal(expected, FieldErrorList.ToAggregateMessage(errors));
    }

    [Fact]
    public void Validate_WhileDeleting_ForbidsNewFinalizers()
    {
        var stored = Parse(Stored);
        stored.SetDeletionTimestamp(DateTimeOffset.UnixEpoch);
        var updated = Parse(Stored);
        updated.SetFinalizers(["a", "c", "b"]);

        var error = Assert.Single(ObjectMetaUpdateValidation.Validate(updated, stored));

        Assert.Equal(
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"b\", \"c\"}",
            error.ToString());
    }

    [Fact]
    public void CarryOver_RestoresSystemFieldsFromStoredObject()
    {
        var stored = Parse(Stored);
        stored.SetDeletionTimestamp(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        stored.SetDeletionGracePeriodSeconds(30);
        var updated = Parse("""{"metadata":{"name":"web","namespace":"prod","resourceVersion":"5","generation":9,"creationTimestamp":"2030-01-01T00:00:00Z"}}""");

        ObjectMetaUpdateValidation.CarryOver(updated, stored);

        Assert.Equal(4, updated.GetGeneration());
        Assert.Equal("u-1", updated.GetUid());
        Assert.Equal(stored.GetCreationTimestamp(), updated.GetCreationTimestamp());
        Assert.Equal(stored.GetDeletionTimestamp(), updated.GetDeletionTimestamp());
        Assert.Equal(30, updated.GetDeletionGracePeriodSeconds());
        Assert.Empty(ObjectMetaUpdateValidation.Validate(updated, stored));
    }

    [Theory]
    [InlineData("""[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u"}]""", "")]
    [InlineData("""[{"apiVersion":"","kind":"ReplicaSet","name":"rs","uid":"u"}]""", "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty")]
    [InlineData("""[{"apiVersion":"a/b/c","kind":"ReplicaSet","name":"rs","uid":"u"}]""", "metadata.ownerReferences.apiVersion: Invalid value: \"a/b/c\": version must not be empty")]
    [InlineData("""[{"apiVersion":"v1","kind":"","name":"","uid":""}]""", "[metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty, metadata.ownerReferences.name: Invalid value: \"\": name must not be empty, metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty]")]
    public void ValidateOwnerReferences_MatchesUpstream(string references, string expected)
    {
        var obj = Parse("""{"metadata":{"name":"p"}}""");
        obj.GetMetadata()!["ownerReferences"] = JsonNode.Parse(references);

        var errors = ObjectMetaValidation.ValidateOwnerReferences(obj.GetOwnerReferences(), "metadata.ownerReferences");

        Assert.Equal(expected, FieldErrorList.ToAggregateMessage(errors));
    }

    [Fact]
    public void ValidateOwnerReferences_AllowsOneControllerOnly()
    {
        var references = new[]
        {
            new OwnerReference("apps/v1", "ReplicaSet", "a", "u1", Controller: true),
            new OwnerReference("apps/v1", "ReplicaSet", "b", "u2", Controller: true),
        };

        var error = Assert.Single(ObjectMetaValidation.ValidateOwnerReferences(references, "metadata.ownerReferences"));

        Assert.EndsWith("Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/b", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com/cleanup", "")]
    [InlineData("kubernetes", "")]
    [InlineData("a/b/c", "metadata.finalizers: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("orphan,foregroundDeletion", "metadata.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\"}: finalizer orphan and foregroundDeletion cannot be both set")]
    public void ValidateFinalizers_MatchesUpstream(string finalizers, string expected)
    {
        var errors = ObjectMetaValidation.ValidateFinalizers(finalizers.Split(','), "metadata.finalizers");

        Assert.Equal(expected, FieldErrorList.ToAggregateMessage(errors));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
