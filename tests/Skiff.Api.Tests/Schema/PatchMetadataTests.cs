using k8s.Models;
using Skiff.Api.Schema;

namespace Skiff.Api.Tests.Schema;

public sealed class PatchMetadataTests
{
    public static TheoryData<Type, string, PatchStrategy, string?, ListType, string[]> UpstreamFacts => new()
    {
        { typeof(V1PodSpec), "containers", PatchStrategy.Merge, "name", ListType.Map, ["name"] },
        { typeof(V1PodSpec), "initContainers", PatchStrategy.Merge, "name", ListType.Map, ["name"] },
        { typeof(V1PodSpec), "volumes", PatchStrategy.Merge | PatchStrategy.RetainKeys, "name", ListType.Map, ["name"] },
        { typeof(V1PodSpec), "tolerations", PatchStrategy.None, null, ListType.Atomic, [] },
        { typeof(V1PodSpec), "topologySpreadConstraints", PatchStrategy.Merge, "topologyKey", ListType.Map, ["topologyKey", "whenUnsatisfiable"] },
        { typeof(V1Container), "env", PatchStrategy.Merge, "name", ListType.Map, ["name"] },
        { typeof(V1Container), "ports", PatchStrategy.Merge, "containerPort", ListType.Map, ["containerPort", "protocol"] },
        { typeof(V1Container), "volumeMounts", PatchStrategy.Merge, "mountPath", ListType.Map, ["mountPath"] },
        { typeof(V1Container), "args", PatchStrategy.None, null, ListType.Atomic, [] },
        { typeof(V1ObjectMeta), "finalizers", PatchStrategy.Merge, null, ListType.Set, [] },
        { typeof(V1ObjectMeta), "ownerReferences", PatchStrategy.Merge, "uid", ListType.Map, ["uid"] },
        { typeof(V1ObjectMeta), "managedFields", PatchStrategy.None, null, ListType.Atomic, [] },
        { typeof(V1DeploymentSpec), "strategy", PatchStrategy.RetainKeys, null, ListType.Unspecified, [] },
        { typeof(V1DeploymentStatus), "conditions", PatchStrategy.Merge, "type", ListType.Map, ["type"] },
        { typeof(V1PodStatus), "conditions", PatchStrategy.Merge, "type", ListType.Map, ["type"] },
        { typeof(V1ServiceSpec), "ports", PatchStrategy.Merge, "port", ListType.Map, ["port", "protocol"] },
        { typeof(V1PodDisruptionBudgetSpec), "selector", PatchStrategy.Replace, null, ListType.Unspecified, [] },
        { typeof(V1Role), "rules", PatchStrategy.None, null, ListType.Atomic, [] },
        { typeof(V1NodeStatus), "addresses", PatchStrategy.Merge, "type", ListType.Map, ["type"] },
        { typeof(V1ConfigMap), "data", PatchStrategy.None, null, ListType.Unspecified, [] },
    };

    [Theory]
    [MemberData(nameof(UpstreamFacts))]
    public void FactsOf_BuiltInField_MatchesUpstreamDeclaration(
        Type model, string field, PatchStrategy strategy, string? mergeKey, ListType listType, string[] listMapKeys)
    {
        var facts = PatchMetadata.FactsOf(model, field);

        Assert.Equal(strategy, facts.Strategy);
        Assert.Equal(mergeKey, facts.MergeKey);
        Assert.Equal(listType, facts.ListType);
        Assert.Equal(listMapKeys, facts.ListMapKeys);
    }

    [Fact]
    public void For_Deployment_NavigatesToTheContainerEnvFacts()
    {
        var deployment = PatchMetadata.For(typeof(V1Deployment))!;

        var spec = deployment.Field("spec")!.ItemSchema!;
        var template = spec.Field("template")!.ItemSchema!;
        var podSpec = template.Field("spec")!.ItemSchema!;
        var containers = podSpec.Field("containers")!;
        var env = containers.ItemSchema!.Field("env")!;

        Assert.Equal(FieldKind.List, containers.Kind);
        Assert.Equal(typeof(V1Container), containers.ItemModelType);
        Assert.Equal("name", env.MergeKey);
        Assert.Equal(typeof(V1EnvVar), env.ItemModelType);
    }

    [Theory]
    [InlineData("labels", FieldKind.Map)]
    [InlineData("name", FieldKind.Scalar)]
    [InlineData("creationTimestamp", FieldKind.Scalar)]
    [InlineData("ownerReferences", FieldKind.List)]
    [InlineData("generation", FieldKind.Scalar)]
    public void For_ObjectMeta_KnowsFieldShapes(string field, FieldKind kind)
    {
        Assert.Equal(kind, PatchMetadata.For(typeof(V1ObjectMeta))!.Field(field)!.Kind);
    }

    [Theory]
    [InlineData("maxSurge")]
    [InlineData("maxUnavailable")]
    public void For_IntOrStringFields_AreScalars(string field)
    {
        Assert.Equal(FieldKind.Scalar, PatchMetadata.For(typeof(V1RollingUpdateDeployment))!.Field(field)!.Kind);
    }

    [Fact]
    public void For_ResourceLimits_AreMapsOfScalars()
    {
        var limits = PatchMetadata.For(typeof(V1ResourceRequirements))!.Field("limits")!;

        Assert.Equal(FieldKind.Map, limits.Kind);
        Assert.Null(limits.ItemModelType);
    }

    [Fact]
    public void For_RawExtension_IsUntyped()
    {
        Assert.Equal(FieldKind.Untyped, PatchMetadata.For(typeof(V1ControllerRevision))!.Field("data")!.Kind);
    }

    [Theory]
    [InlineData(typeof(string))]
    [InlineData(typeof(IntOrString))]
    [InlineData(typeof(ResourceQuantity))]
    public void For_NonModelType_IsNull(Type type)
    {
        Assert.Null(PatchMetadata.For(type));
    }

    [Fact]
    public void For_LabelSelector_IsAnAtomicStruct()
    {
        Assert.Equal(MapType.Atomic, PatchMetadata.For(typeof(V1LabelSelector))!.StructType);
        Assert.Equal(MapType.Unspecified, PatchMetadata.For(typeof(V1PodSpec))!.StructType);
    }

    [Theory]
    [InlineData(typeof(V1PodSpec), "PodSpec")]
    [InlineData(typeof(V2HorizontalPodAutoscalerSpec), "HorizontalPodAutoscalerSpec")]
    [InlineData(typeof(V1alpha1EvictionSpec), "EvictionSpec")]
    [InlineData(typeof(Corev1Event), "Event")]
    public void For_Model_KnowsUpstreamTypeName(Type type, string name)
    {
        Assert.Equal(name, PatchMetadata.For(type)!.UpstreamName);
    }

    [Fact]
    public void DeclaredFacts_EachNameAFieldOfTheClientModel()
    {
        var declared = PatchMetadata.DeclaredFacts().ToList();

        Assert.True(declared.Count > 400, $"only {declared.Count} facts declared");
        Assert.All(declared, fact => Assert.NotNull(PatchMetadata.For(fact.ModelType)?.Field(fact.JsonName)));
    }
}
