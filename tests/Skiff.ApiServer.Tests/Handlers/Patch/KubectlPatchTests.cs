using k8s.Models;
using static Skiff.ApiServer.Tests.Handlers.Patch.PatchTestJson;

namespace Skiff.ApiServer.Tests.Handlers.Patch;

/// <summary>The strategic merge patches client-side <c>kubectl apply</c> computes (three-way, with directives).</summary>
public sealed class KubectlPatchTests
{
    private const string ContentType = "application/strategic-merge-patch+json";

    private const string LiveDeployment = """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old'}},
         'spec':{'replicas':2,'template':{'metadata':{'labels':{'app':'web'}},'spec':{
           'containers':[
             {'name':'web','image':'nginx:1.0','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},
             {'name':'sidecar','image':'busybox'}],
           'volumes':[{'name':'data','emptyDir':{}}]}}}}
        """;

    public static TheoryData<string, string, string> ApplyCases => new()
    {
        {
            "changed image and an env var inserted between existing ones",
            """
            {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'}},
             'spec':{'template':{'spec':{
               '$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],
               'containers':[{'$setElementOrder/env':[{'name':'A'},{'name':'C'},{'name':'B'}],'env':[{'name':'C','value':'3'}],'image':'nginx:1.1','name':'web'}]}}}}
            """,
            """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'new'}},
             'spec':{'replicas':2,'template':{'metadata':{'labels':{'app':'web'}},'spec':{
               'containers':[
                 {'name':'web','image':'nginx:1.1','env':[{'name':'A','value':'1'},{'name':'C','value':'3'},{'name':'B','value':'2'}]},
                 {'name':'sidecar','image':'busybox'}],
               'volumes':[{'name':'data','emptyDir':{}}]}}}}
            """
        },
        {
            "a container removed from the manifest",
            """
            {'spec':{'template':{'spec':{
               '$setElementOrder/containers':[{'name':'web'}],
               'containers':[{'$patch':'delete','name':'sidecar'}]}}}}
            """,
            """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old'}},
             'spec':{'replicas':2,'template':{'metadata':{'labels':{'app':'web'}},'spec':{
               'containers':[{'name':'web','image':'nginx:1.0','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}],
               'volumes':[{'name':'data','emptyDir':{}}]}}}}
            """
        },
        {
            "a container added after the first one lands where the manifest puts it",
            """
            {'spec':{'template':{'spec':{
               '$setElementOrder/containers':[{'name':'web'},{'name':'metrics'},{'name':'sidecar'}],
               'containers':[{'image':'exporter','name':'metrics'}]}}}}
            """,
            """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old'}},
             'spec':{'replicas':2,'template':{'metadata':{'labels':{'app':'web'}},'spec':{
               'containers':[
                 {'name':'web','image':'nginx:1.0','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},
                 {'image':'exporter','name':'metrics'},
                 {'name':'sidecar','image':'busybox'}],
               'volumes':[{'name':'data','emptyDir':{}}]}}}}
            """
        },
        {
            "a volume switched from emptyDir to configMap",
            """
            {'spec':{'template':{'spec':{
               '$setElementOrder/volumes':[{'name':'data'}],
               'volumes':[{'$retainKeys':['configMap','name'],'configMap':{'name':'cfg'},'name':'data'}]}}}}
            """,
            """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old'}},
             'spec':{'replicas':2,'template':{'metadata':{'labels':{'app':'web'}},'spec':{
               'containers':[
                 {'name':'web','image':'nginx:1.0','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},
                 {'name':'sidecar','image':'busybox'}],
               'volumes':[{'name':'data','configMap':{'name':'cfg'}}]}}}}
            """
        },
        {
            "an env var removed and replicas dropped from the manifest",
            """
            {'spec':{'replicas':null,'template':{'spec':{
               '$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],
               'containers':[{'$setElementOrder/env':[{'name':'B'}],'env':[{'$patch':'delete','name':'A'}],'name':'web'}]}}}}
            """,
            """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'old'}},
             'spec':{'template':{'metadata':{'labels':{'app':'web'}},'spec':{
               'containers':[
                 {'name':'web','image':'nginx:1.0','env':[{'name':'B','value':'2'}]},
                 {'name':'sidecar','image':'busybox'}],
               'volumes':[{'name':'data','emptyDir':{}}]}}}}
            """
        },
    };

    [Theory]
    [MemberData(nameof(ApplyCases))]
    public void ClientSideApply_Patch_ProducesUpstreamResult(string name, string patch, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(Compact(expected), Patched(ContentType, LiveDeployment, patch, typeof(V1Deployment)));
    }

    [Fact]
    public void ClientSideApply_PrimitiveListWithOrderAndDeletions_KeepsServerOnlyItemsInPlace()
    {
        var current = "{'metadata':{'finalizers':['a','b','x']}}";
        var patch = "{'metadata':{'$setElementOrder/finalizers':['b','c'],'$deleteFromPrimitiveList/finalizers':['a'],'finalizers':['c']}}";

        Assert.Equal(Compact("{'metadata':{'finalizers':['b','c','x']}}"), Patched(ContentType, current, patch, typeof(V1Deployment)));
    }

    [Fact]
    public void ClientSideApply_SetElementOrderOnly_ReordersTheLiveList()
    {
        var current = "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}";
        var patch = "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]}}";

        Assert.Equal(Compact("{'spec':{'containers':[{'name':'b'},{'name':'a'}]}}"), Patched(ContentType, current, patch, typeof(V1Pod)));
    }

    [Fact]
    public void ClientSideApply_PatchItemsOutOfSetElementOrder_FailsAsUpstream()
    {
        var current = "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}";
        var patch = "{'spec':{'$setElementOrder/containers':[{'name':'a'}],'containers':[{'name':'b','image':'x'}]}}";

        var error = Fail(ContentType, current, patch, typeof(V1Pod));

        Assert.Equal(500, error.Code);
        Assert.StartsWith("The order in patch list:\n[map[image:x name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientSideApply_ContainerSwappedBesideAServerOnlyOne_OrdersAsUpstreamsInPlaceMerge()
    {
        // Upstream deletes and appends inside the live list's storage and orders by what that storage then holds,
        // so the new container lands after the server-only one that took the deleted one's slot.
        var current = "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'injected'}]}}";
        var patch = "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'c'}],'containers':[{'name':'c'},{'$patch':'delete','name':'b'}]}}";

        Assert.Equal(
            Compact("{'spec':{'containers':[{'name':'a'},{'name':'injected'},{'name':'c'}]}}"),
            Patched(ContentType, current, patch, typeof(V1Pod)));
    }
}
