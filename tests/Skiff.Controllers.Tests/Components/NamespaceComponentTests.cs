using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Controllers.Tests.Components;

[Trait("Category", "Slow")]
public sealed class NamespaceComponentTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    private IKubernetes Client => cluster.Client;

    [Fact]
    public async Task DeletedNamespaceWithACustomResourceInside_GoesAwayWithAllItsContent()
    {
        await CreateWidgetCrdAsync();
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "doomed" } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, "doomed");
        var widget = new Dictionary<string, object>
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "w1" },
        };
        await ControllerCluster.EventuallyAsync(async () => await TryAsync(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, "example.com", "v1", "doomed", "widgets")), "the CRD to serve");

        await Client.CoreV1.DeleteNamespaceAsync("doomed");

        await ControllerCluster.EventuallyAsync(async () => !await TryAsync(() => Client.CoreV1.ReadNamespaceAsync("doomed")), "the namespace to be finalized and gone");
        Assert.False(await TryAsync(() => Client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", "doomed", "widgets", "w1")));
    }

    [Fact]
    public async Task NewNamespace_GetsADefaultServiceAccount_RecreatedWhenDeleted()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } });
        await ControllerCluster.EventuallyAsync(async () => await TryAsync(() => Client.CoreV1.ReadNamespacedServiceAccountAsync("default", "team")), "the default account");
        var first = await Client.CoreV1.ReadNamespacedServiceAccountAsync("default", "team");

        await Client.CoreV1.DeleteNamespacedServiceAccountAsync("default", "team");

        await ControllerCluster.EventuallyAsync(
            async () => await TryAsync(async () =>
            {
                var again = await Client.CoreV1.ReadNamespacedServiceAccountAsync("default", "team");
                return again.Metadata.Uid != first.Metadata.Uid ? again : throw new InvalidOperationException("same account");
            }),
            "the default account to come back");
    }

    private async Task CreateWidgetCrdAsync()
    {
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "widgets.example.com" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "example.com",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1",
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true },
                        },
                    },
                ],
            },
        };
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
    }

    private static async Task<bool> TryAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
