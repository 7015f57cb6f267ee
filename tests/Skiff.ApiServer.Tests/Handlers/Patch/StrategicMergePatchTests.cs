using k8s.Models;
using static Skiff.ApiServer.Tests.Handlers.Patch.PatchTestJson;

namespace Skiff.ApiServer.Tests.Handlers.Patch;

public sealed class StrategicMergePatchTests
{
    private const string ContentType = "application/strategic-merge-patch+json";

    public static TheoryData<string, string, string, string> PodCases => new()
    {
        {
            "a container merges into the live one with its key",
            "{'spec':{'containers':[{'name':'a','image':'x:1','args':['p']},{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'y:2'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'x:1','args':['p']},{'name':'b','image':'y:2'}]}}"
        },
        {
            "a new container goes before the live ones, as upstream orders it",
            "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'z'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'z'},{'name':'a','image':'x'},{'name':'b','image':'y'}]}}"
        },
        {
            "patch items keep their order; a live-only item stays before the patch items it preceded",
            "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'1'},{'name':'a','image':'2'}]}}",
            "{'spec':{'containers':[{'name':'b'},{'name':'c','image':'1'},{'name':'a','image':'2'}]}}"
        },
        {
            "$patch delete removes the item with that key",
            "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'y'}]}}"
        },
        {
            "$patch replace in a list makes the patch items the list",
            "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'z'},{'$patch':'replace'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'z'}]}}"
        },
        {
            "env merges by name",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'B','value':'3'}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'A','value':'1'},{'name':'B','value':'3'}]}]}}"
        },
        {
            "ports merge by the numeric containerPort",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':443,'name':'https'}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':443,'name':'https'}]}]}}"
        },
        {
            "volumeMounts merge by mountPath",
            "{'spec':{'containers':[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/data'}]}]}}",
            "{'spec':{'containers':[{'name':'a','volumeMounts':[{'mountPath':'/data','readOnly':true}]}]}}",
            "{'spec':{'containers':[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/data','readOnly':true}]}]}}"
        },
        {
            "a list without patch strategy is replaced",
            "{'spec':{'tolerations':[{'key':'a'}],'containers':[{'name':'a','args':['x','y']}]}}",
            "{'spec':{'tolerations':[{'key':'b'}],'containers':[{'name':'a','args':['z']}]}}",
            "{'spec':{'tolerations':[{'key':'b'}],'containers':[{'name':'a','args':['z']}]}}"
        },
        {
            "a replaced list loses null fields, as upstream's typed decoding drops them",
            "{'spec':{'tolerations':[{'key':'a'}]}}",
            "{'spec':{'tolerations':[{'key':'b','value':null}]}}",
            "{'spec':{'tolerations':[{'key':'b'}]}}"
        },
        {
            "maps merge and null deletes a key",
            "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'b':null,'c':'3'}}}",
            "{'metadata':{'labels':{'a':'1','c':'3'}}}"
        },
        {
            "$patch replace on a map replaces it",
            "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
            "{'metadata':{'labels':{'c':'3'}}}"
        },
        {
            "$patch delete on a map leaves an empty map, as upstream does",
            "{'metadata':{'labels':{'a':'1'}},'spec':{}}",
            "{'metadata':{'labels':{'$patch':'delete'}}}",
            "{'metadata':{'labels':{}},'spec':{}}"
        },
        {
            "a new value drops nulls and directive maps",
            "{'spec':{}}",
            "{'spec':{'containers':[{'name':'a','image':null},{'name':'b','$patch':'delete'}],'x':{'$patch':'delete'}}}",
            "{'spec':{'containers':[{'name':'a'}]}}"
        },
        {
            "finalizers merge as a set",
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['c','a']}}",
            "{'metadata':{'finalizers':['c','a','b']}}"
        },
        {
            "$deleteFromPrimitiveList removes from a primitive merge list",
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
            "{'metadata':{'finalizers':['a','c']}}"
        },
        {
            "ownerReferences merge by uid",
            "{'metadata':{'ownerReferences':[{'uid':'1','name':'x'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'2','name':'y'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'2','name':'y'},{'uid':'1','name':'x'}]}}"
        },
        {
            "status conditions merge by type",
            "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'Initialized','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'Initialized','status':'True'}]}}"
        },
        {
            "fields the model does not know merge like a merge patch",
            "{'spec':{'future':{'a':1,'l':[1,2]}}}",
            "{'spec':{'future':{'b':2,'l':[3]}}}",
            "{'spec':{'future':{'a':1,'l':[3],'b':2}}}"
        },
        {
            "a value of another kind replaces",
            "{'spec':{'nodeSelector':{'a':'b'}}}",
            "{'spec':{'nodeSelector':'x'}}",
            "{'spec':{'nodeSelector':'x'}}"
        },
        {
            "retainKeys clears volume sources the patch does not keep",
            "{'spec':{'volumes':[{'name':'data','emptyDir':{}},{'name':'other','emptyDir':{}}]}}",
            "{'spec':{'volumes':[{'$retainKeys':['configMap','name'],'name':'data','configMap':{'name':'cfg'}}]}}",
            "{'spec':{'volumes':[{'name':'data','configMap':{'name':'cfg'}},{'name':'other','emptyDir':{}}]}}"
        },
    };

    [Theory]
    [MemberData(nameof(PodCases))]
    public void Apply_OnPod_ProducesUpstreamResult(string name, string current, string patch, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(Compact(expected), Patched(ContentType, current, patch, typeof(V1Pod)));
    }

    public static TheoryData<string, string, string, string> DeploymentCases => new()
    {
        {
            "rollout pause",
            "{'spec':{'replicas':1}}",
            "{'spec':{'paused':true}}",
            "{'spec':{'replicas':1,'paused':true}}"
        },
        {
            "rollout resume deletes paused",
            "{'spec':{'replicas':1,'paused':true}}",
            "{'spec':{'paused':null}}",
            "{'spec':{'replicas':1}}"
        },
        {
            "retainKeys on the strategy drops rollingUpdate when switching to Recreate",
            "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1,'maxUnavailable':'25%'}}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':null,'type':'Recreate'}}}",
            "{'spec':{'strategy':{'type':'Recreate'}}}"
        },
        {
            "a containers patch under the pod template merges by name",
            "{'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:1.0'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:1.1'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:1.1'}]}}}}"
        },
        {
            "a selector without patch strategy merges",
            "{'spec':{'selector':{'matchLabels':{'a':'1'},'matchExpressions':[{'key':'k','operator':'Exists'}]}}}",
            "{'spec':{'selector':{'matchLabels':{'b':'2'}}}}",
            "{'spec':{'selector':{'matchLabels':{'a':'1','b':'2'},'matchExpressions':[{'key':'k','operator':'Exists'}]}}}"
        },
        {
            "numbers keep their spelling",
            "{'spec':{'replicas':1,'strategy':{'rollingUpdate':{'maxSurge':'25%'}}}}",
            "{'spec':{'replicas':3,'strategy':{'rollingUpdate':{'maxSurge':1}}}}",
            "{'spec':{'replicas':3,'strategy':{'rollingUpdate':{'maxSurge':1}}}}"
        },
    };

    [Theory]
    [MemberData(nameof(DeploymentCases))]
    public void Apply_OnDeployment_ProducesUpstreamResult(string name, string current, string patch, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(Compact(expected), Patched(ContentType, current, patch, typeof(V1Deployment)));
    }

    [Fact]
    public void Apply_ReplaceStrategyField_TakesThePatchValueWhole()
    {
        var current = "{'spec':{'minAvailable':1,'selector':{'matchLabels':{'a':'1'},'matchExpressions':[{'key':'k','operator':'Exists'}]}}}";
        var patch = "{'spec':{'selector':{'matchLabels':{'b':'2','c':null}}}}";

        Assert.Equal(
            Compact("{'spec':{'minAvailable':1,'selector':{'matchLabels':{'b':'2'}}}}"),
            Patched(ContentType, current, patch, typeof(V1PodDisruptionBudget)));
    }

    public static TheoryData<string, string, int, string> Errors => new()
    {
        {
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'name':'http'}]}]}}",
            500, "map: map[name:http] does not contain declared merge key: containerPort"
        },
        {
            "{'spec':{'containers':[{'name':'a'}]}}",
            "{'spec':{'containers':[{'name':'b','$patch':'merge'}]}}",
            500, "merging lists cannot yet be specified in the patch"
        },
        {
            "{'spec':{'containers':[{'name':'a'}]}}",
            "{'spec':{'containers':[{'name':'b','$patch':'frob'}]}}",
            500, "unknown patch type: frob in map: map[$patch:frob name:b]"
        },
        {
            "{'metadata':{'labels':{'a':'1'}}}",
            "{'metadata':{'labels':{'$patch':'frob'}}}",
            500, "unknown patch type: frob in map: map[$patch:frob]"
        },
        {
            "{'spec':{'strategy':{'type':'Recreate'}}}",
            "{'spec':{'strategy':{'$retainKeys':'type','type':'Recreate'}}}",
            400, "invalid patch format of retainKeys"
        },
        {
            "{'spec':{'strategy':{'type':'Recreate'}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{'maxSurge':1}}}}",
            400, "invalid patch format of retainKeys"
        },
        {
            "{'metadata':{'finalizers':['a']}}",
            "{'metadata':{'$deleteFromPrimitiveListfinalizers':['a']}}",
            400, "invalid patch format of primitive list"
        },
        {
            "{'metadata':{'finalizers':['a']}}",
            "{'metadata':{'$setElementOrderfinalizers':['a']}}",
            400, "invalid patch format of setElementOrder list"
        },
        {
            "{'metadata':{'finalizers':[]}}",
            "{'metadata':{'finalizers':[['b']]}}",
            422, "lists of lists are not supported"
        },
        {
            "{'metadata':{'finalizers':['a']}}",
            "{'metadata':{'finalizers':[1]}}",
            500, "list element types are not identical: [[a] [1]]"
        },
        {
            "{'spec':{'containers':[{'name':'a'}]}}",
            "{'spec':{'$setElementOrder/containers':'a'}}",
            500, "expected a []interface {}, but received a string"
        },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Apply_PatchThatCannotApply_FailsAsUpstream(string current, string patch, int code, string message)
    {
        var model = patch.Contains("strategy", StringComparison.Ordinal) ? typeof(V1Deployment) : typeof(V1Pod);

        var error = Fail(ContentType, current, patch, model);

        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Apply_GenericServerError_HasEmptyReasonAndTheRawMessage()
    {
        var error = Fail(ContentType, "{'spec':{'containers':[{'name':'a'}]}}", "{'spec':{'containers':[{'$patch':'merge','name':'a'}]}}", typeof(V1Pod));

        Assert.Equal(
            Compact("{'kind':'Status','apiVersion':'v1','metadata':{},'status':'Failure','message':'merging lists cannot yet be specified in the patch','code':500}"),
            error.ToStatus().ToJsonString());
    }
}
