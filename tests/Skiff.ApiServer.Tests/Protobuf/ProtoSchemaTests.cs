using Skiff.ApiServer.Protobuf;

namespace Skiff.ApiServer.Tests.Protobuf;

public sealed class ProtoSchemaTests
{
    [Theory]
    [InlineData("v1", "Pod")]
    [InlineData("v1", "Namespace")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("batch/v1", "CronJob")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler")]
    [InlineData("networking.k8s.io/v1", "Ingress")]
    [InlineData("discovery.k8s.io/v1", "EndpointSlice")]
    [InlineData("coordination.k8s.io/v1", "Lease")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")]
    [InlineData("policy/v1", "PodDisruptionBudget")]
    [InlineData("storage.k8s.io/v1", "StorageClass")]
    [InlineData("scheduling.k8s.io/v1", "PriorityClass")]
    [InlineData("events.k8s.io/v1", "Event")]
    [InlineData("authentication.k8s.io/v1", "TokenReview")]
    [InlineData("authorization.k8s.io/v1", "SelfSubjectAccessReview")]
    [InlineData("certificates.k8s.io/v1", "CertificateSigningRequest")]
    [InlineData("node.k8s.io/v1", "RuntimeClass")]
    [InlineData("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration")]
    [InlineData("apiextensions.k8s.io/v1", "CustomResourceDefinition")]
    [InlineData("v1", "DeleteOptions")]
    public void FindKind_BuiltInKinds_AreKnown(string apiVersion, string kind)
    {
        var message = ProtoSchema.BuiltIn.FindKind(apiVersion, kind);

        Assert.NotNull(message);
        Assert.EndsWith("." + kind, message.FullName);
    }

    [Fact]
    public void FindKind_KindOfAnotherGroup_IsUnknown()
    {
        Assert.Null(ProtoSchema.BuiltIn.FindKind("apps/v1", "Pod"));
    }

    [Fact]
    public void Parse_ReferenceToMissingMessage_Fails()
    {
        var text = "package core v1\nmessage Pod\n1 metadata meta.ObjectMeta ?\n";

        Assert.Throws<InvalidOperationException>(() => ProtoSchema.Parse(new StringReader(text)));
    }
}
