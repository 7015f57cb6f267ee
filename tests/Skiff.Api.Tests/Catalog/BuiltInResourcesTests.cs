using System.Reflection;
using k8s.Models;
using Skiff.Api.Catalog;

namespace Skiff.Api.Tests.Catalog;

public sealed class BuiltInResourcesTests
{
    private static readonly ResourceCatalog _catalog = ResourceCatalog.CreateBuiltIn();

    public static TheoryData<string, string, string, string, bool, string, string> DiscoveryFacts => new()
    {
        // group, version, resource, kind, namespaced, short names, categories
        { "", "v1", "pods", "Pod", true, "po", "all" },
        { "", "v1", "services", "Service", true, "svc", "all" },
        { "", "v1", "namespaces", "Namespace", false, "ns", "" },
        { "", "v1", "nodes", "Node", false, "no", "" },
        { "", "v1", "endpoints", "Endpoints", true, "ep", "" },
        { "", "v1", "limitranges", "LimitRange", true, "limits", "" },
        { "", "v1", "resourcequotas", "ResourceQuota", true, "quota", "" },
        { "", "v1", "replicationcontrollers", "ReplicationController", true, "rc", "all" },
        { "", "v1", "componentstatuses", "ComponentStatus", false, "cs", "" },
        { "", "v1", "podtemplates", "PodTemplate", true, "", "" },
        { "apps", "v1", "statefulsets", "StatefulSet", true, "sts", "all" },
        { "apps", "v1", "controllerrevisions", "ControllerRevision", true, "", "" },
        { "batch", "v1", "cronjobs", "CronJob", true, "cj", "all" },
        { "batch", "v1", "jobs", "Job", true, "", "all" },
        { "autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, "hpa", "all" },
        { "networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, "", "" },
        { "networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, "netpol", "" },
        { "policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, "pdb", "" },
        { "storage.k8s.io", "v1", "csistoragecapacities", "CSIStorageCapacity", true, "", "" },
        { "scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, "pc", "" },
        { "apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, "crd,crds", "api-extensions" },
        { "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false, "", "api-extensions" },
        { "certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false, "csr", "" },
        { "authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", true, "", "" },
        { "events.k8s.io", "v1", "events", "Event", true, "ev", "" },
    };

    [Theory]
    [MemberData(nameof(DiscoveryFacts))]
    public void Entry_MatchesUpstreamDiscovery(
        string group, string version, string resource, string kind, bool namespaced, string shortNames, string categories)
    {
        var info = _catalog.Find(group, version, resource);

        Assert.NotNull(info);
        Assert.Equal(kind, info.Kind);
        Assert.Equal(namespaced, info.Namespaced);
        Assert.Equal(Split(shortNames), info.ShortNames);
        Assert.Equal(Split(categories), info.Categories);
    }

    [Theory]
    [InlineData("", "namespaces", "create,delete,get,list,patch,update,watch")]
    [InlineData("", "componentstatuses", "get,list")]
    [InlineData("", "bindings", "create")]
    [InlineData("", "configmaps", "create,delete,deletecollection,get,list,patch,update,watch")]
    [InlineData("authentication.k8s.io", "tokenreviews", "create")]
    [InlineData("authentication.k8s.io", "selfsubjectreviews", "create")]
    [InlineData("authorization.k8s.io", "selfsubjectrulesreviews", "create")]
    [InlineData("authorization.k8s.io", "subjectaccessreviews", "create")]
    public void Verbs_MatchUpstreamDiscovery(string group, string resource, string verbs)
    {
        var info = _catalog.FindPreferred(group, resource);

        Assert.NotNull(info);
        Assert.Equal(Split(verbs), info.Verbs);
    }

    [Theory]
    [InlineData("", "services", "proxy", "ServiceProxyOptions", null, "create,delete,get,patch,update")]
    [InlineData("", "services", "status", "Service", null, "get,patch,update")]
    [InlineData("", "nodes", "proxy", "NodeProxyOptions", null, "create,delete,get,patch,update")]
    [InlineData("", "serviceaccounts", "token", "TokenRequest", "authentication.k8s.io", "create")]
    [InlineData("", "replicationcontrollers", "scale", "Scale", "autoscaling", "get,patch,update")]
    [InlineData("", "pods", "eviction", "Eviction", "policy", "create")]
    [InlineData("", "namespaces", "finalize", "Namespace", null, "update")]
    [InlineData("apps", "statefulsets", "scale", "Scale", "autoscaling", "get,patch,update")]
    [InlineData("certificates.k8s.io", "certificatesigningrequests", "approval", "CertificateSigningRequest", null, "get,patch,update")]
    [InlineData("apiextensions.k8s.io", "customresourcedefinitions", "status", "CustomResourceDefinition", null, "get,patch,update")]
    public void Subresource_MatchesUpstreamDiscovery(
        string group, string resource, string subresource, string kind, string? kindGroup, string verbs)
    {
        var sub = _catalog.FindPreferred(group, resource)?.FindSubresource(subresource);

        Assert.NotNull(sub);
        Assert.Equal(kind, sub.Kind);
        Assert.Equal(kindGroup, sub.Group);
        Assert.Equal(Split(verbs), sub.Verbs);
    }

    [Fact]
    public void EveryEntry_AgreesWithItsClientModel()
    {
        foreach (var info in BuiltInResources.All)
        {
            var entity = info.ModelType!.GetCustomAttribute<KubernetesEntityAttribute>();
            Assert.True(entity is not null, $"{info.Resource}: {info.ModelType} has no KubernetesEntity attribute");
            Assert.Equal((info.Group, info.Version, info.Kind), (entity.Group, entity.ApiVersion, entity.Kind));
            // The client leaves the plural empty for kinds that are only ever created (Binding, reviews).
            if (entity.PluralName.Length > 0)
            {
                Assert.Equal(info.Resource, entity.PluralName);
            }
        }
    }

    [Fact]
    public void EveryGroupVersionResource_IsListedOnce()
    {
        var duplicates = BuiltInResources.All.GroupBy(r => (r.Group, r.Version, r.Resource)).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void EveryServedGroup_HasAPlaceInTheGroupOrder()
    {
        var ordered = BuiltInResources.GroupOrder.Select(g => g.Group).ToHashSet();

        Assert.All(BuiltInResources.All.Where(r => r.Group.Length > 0), r => Assert.Contains(r.Group, ordered));
    }

    [Theory]
    [InlineData("autoscaling", "horizontalpodautoscalers", "autoscaling/v2", "/registry/autoscaling/horizontalpodautoscalers/")]
    [InlineData("events.k8s.io", "events", "v1", "/registry/events/")]
    [InlineData("", "events", "v1", "/registry/events/")]
    [InlineData("apps", "deployments", "apps/v1", "/registry/apps/deployments/")]
    public void StorageLocation_FollowsUpstreamStorageVersion(string group, string resource, string storageGroupVersion, string prefix)
    {
        foreach (var info in BuiltInResources.All.Where(r => r.Group == group && r.Resource == resource))
        {
            Assert.Equal(storageGroupVersion, info.StorageGroupVersion);
            Assert.Equal(prefix, info.StoragePrefix);
        }
    }

    [Theory]
    [InlineData("", "v1", "pods", "xPOwRZ+Yhw8=")]
    [InlineData("", "v1", "configmaps", "qFsyl6wFWjQ=")]
    [InlineData("", "v1", "events", "r2yiGXH7wu8=")]
    [InlineData("events.k8s.io", "v1", "events", "r2yiGXH7wu8=")]
    [InlineData("apps", "v1", "deployments", "8aSe+NMegvE=")]
    [InlineData("autoscaling", "v1", "horizontalpodautoscalers", "qwQve8ut294=")]
    [InlineData("networking.k8s.io", "v1", "ingresses", "39NQlfNR+bo=")]
    [InlineData("", "v1", "nodes", "XwShjMxG9Fs=")]
    [InlineData("", "v1", "services", "0/CO1lhkEBI=")]
    [InlineData("", "v1", "namespaces", "Q3oi5N2YM8M=")]
    [InlineData("", "v1", "replicationcontrollers", "Jond2If31h0=")]
    [InlineData("", "v1", "serviceaccounts", "pbx9ZvyFpBE=")]
    [InlineData("apps", "v1", "statefulsets", "H+vl74LkKdo=")]
    [InlineData("apps", "v1", "controllerrevisions", "85nkx63pcBU=")]
    [InlineData("batch", "v1", "cronjobs", "sd5LIXh4Fjs=")]
    [InlineData("batch", "v1", "jobs", "mudhfqk/qZY=")]
    [InlineData("networking.k8s.io", "v1", "ingressclasses", "l/iqIbDgFyQ=")]
    [InlineData("networking.k8s.io", "v1", "ipaddresses", "3f/plJFChNE=")]
    [InlineData("networking.k8s.io", "v1", "servicecidrs", "gNLvruQhW2g=")]
    [InlineData("networking.k8s.io", "v1", "networkpolicies", "YpfwF18m1G8=")]
    [InlineData("storage.k8s.io", "v1", "csidrivers", "hL6j/rwBV5w=")]
    [InlineData("storage.k8s.io", "v1", "csistoragecapacities", "xeVl+2Ly1kE=")]
    [InlineData("storage.k8s.io", "v1", "storageclasses", "K+m6uJwbjGY=")]
    [InlineData("certificates.k8s.io", "v1", "certificatesigningrequests", "95fRKMXA+00=")]
    [InlineData("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "Sqi0GUgDaX0=")]
    [InlineData("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "6OxvlMmQ6is=")]
    [InlineData("", "v1", "bindings", null)]
    [InlineData("", "v1", "componentstatuses", null)]
    [InlineData("authorization.k8s.io", "v1", "subjectaccessreviews", null)]
    public void StorageVersionHash_MatchesUpstreamDiscovery(string group, string version, string resource, string? hash)
    {
        Assert.Equal(hash, _catalog.Find(group, version, resource)!.StorageVersionHash);
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');
}
