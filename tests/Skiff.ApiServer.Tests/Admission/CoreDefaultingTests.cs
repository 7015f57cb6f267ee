namespace Skiff.ApiServer.Tests.Admission;

public sealed class CoreDefaultingTests
{
    private const string Meta = "'metadata':{'name':'s','namespace':'default'}";

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "v1/services",
            "{" + Meta + ",'spec':{'selector':{'app':'a'},'ports':[{'port':80}]}}",
            "{" + Meta + ",'spec':{'selector':{'app':'a'},'ports':[{'port':80,'protocol':'TCP','targetPort':80}],'sessionAffinity':'None','type':'ClusterIP','internalTrafficPolicy':'Cluster','ipFamilyPolicy':'SingleStack','ipFamilies':['IPv4']}}"
        },
        {
            // Named target ports stay names; NodePort services get an external traffic policy.
            "v1/services",
            "{" + Meta + ",'spec':{'type':'NodePort','ports':[{'name':'web','port':80,'targetPort':'http','protocol':'UDP'}]}}",
            "{" + Meta + ",'spec':{'type':'NodePort','ports':[{'name':'web','port':80,'targetPort':'http','protocol':'UDP'}],'sessionAffinity':'None','externalTrafficPolicy':'Cluster','internalTrafficPolicy':'Cluster','ipFamilyPolicy':'SingleStack','ipFamilies':['IPv4']}}"
        },
        {
            "v1/services",
            "{" + Meta + ",'spec':{'type':'LoadBalancer','sessionAffinity':'ClientIP','ports':[{'port':443,'targetPort':0}]}}",
            "{" + Meta + ",'spec':{'type':'LoadBalancer','sessionAffinity':'ClientIP','sessionAffinityConfig':{'clientIP':{'timeoutSeconds':10800}},'ports':[{'port':443,'targetPort':443,'protocol':'TCP'}],'externalTrafficPolicy':'Cluster','internalTrafficPolicy':'Cluster','allocateLoadBalancerNodePorts':true,'ipFamilyPolicy':'SingleStack','ipFamilies':['IPv4']}}"
        },
        {
            // Headless without a selector may front endpoints of any family.
            "v1/services",
            "{" + Meta + ",'spec':{'clusterIP':'None','ports':[{'port':53,'protocol':'UDP'}]}}",
            "{" + Meta + ",'spec':{'clusterIP':'None','clusterIPs':['None'],'ports':[{'port':53,'protocol':'UDP','targetPort':53}],'sessionAffinity':'None','type':'ClusterIP','internalTrafficPolicy':'Cluster','ipFamilyPolicy':'RequireDualStack','ipFamilies':['IPv4']}}"
        },
        {
            "v1/services",
            "{" + Meta + ",'spec':{'type':'ExternalName','externalName':'example.com'}}",
            "{" + Meta + ",'spec':{'type':'ExternalName','externalName':'example.com','sessionAffinity':'None'}}"
        },
        {
            // stringData is folded into data and never stored.
            "v1/secrets",
            "{" + Meta + ",'stringData':{'user':'admin'},'data':{'pass':'cHc='}}",
            "{" + Meta + ",'data':{'pass':'cHc=','user':'YWRtaW4='},'type':'Opaque'}"
        },
        {
            "v1/secrets",
            "{" + Meta + ",'type':'kubernetes.io/tls','data':{'tls.crt':'','tls.key':''}}",
            "{" + Meta + ",'type':'kubernetes.io/tls','data':{'tls.crt':'','tls.key':''}}"
        },
        {
            "v1/namespaces",
            "{'metadata':{'name':'team','labels':{'kubernetes.io/metadata.name':'other','x':'y'}}}",
            "{'metadata':{'name':'team','labels':{'kubernetes.io/metadata.name':'team','x':'y'}}}"
        },
        {
            "v1/persistentvolumeclaims",
            "{" + Meta + ",'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}",
            "{" + Meta + ",'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}},'volumeMode':'Filesystem'},'status':{'phase':'Pending'}}"
        },
        {
            "rbac.authorization.k8s.io/v1/rolebindings",
            "{" + Meta + ",'roleRef':{'kind':'Role','name':'r'},'subjects':[{'kind':'User','name':'u'},{'kind':'ServiceAccount','name':'sa','namespace':'default'},{'kind':'Group','name':'g','apiGroup':'rbac.authorization.k8s.io'}]}",
            "{" + Meta + ",'roleRef':{'kind':'Role','name':'r','apiGroup':'rbac.authorization.k8s.io'},'subjects':[{'kind':'User','name':'u','apiGroup':'rbac.authorization.k8s.io'},{'kind':'ServiceAccount','name':'sa','namespace':'default'},{'kind':'Group','name':'g','apiGroup':'rbac.authorization.k8s.io'}]}"
        },
        {
            "networking.k8s.io/v1/networkpolicies",
            "{" + Meta + ",'spec':{'podSelector':{},'egress':[{'ports':[{'port':53}]}]}}",
            "{" + Meta + ",'spec':{'podSelector':{},'egress':[{'ports':[{'port':53,'protocol':'TCP'}]}],'policyTypes':['Ingress','Egress']}}"
        },
        {
            "v1/persistentvolumes",
            "{'metadata':{'name':'pv'},'spec':{'capacity':{'storage':'1Gi'},'hostPath':{'path':'/d'}}}",
            "{'metadata':{'name':'pv'},'spec':{'capacity':{'storage':'1Gi'},'hostPath':{'path':'/d'},'persistentVolumeReclaimPolicy':'Retain','volumeMode':'Filesystem'},'status':{'phase':'Pending'}}"
        },
        {
            "v1/endpoints",
            "{" + Meta + ",'subsets':[{'addresses':[{'ip':'10.42.0.5'}],'ports':[{'port':80},{'port':53,'protocol':'UDP'}]}]}",
            "{" + Meta + ",'subsets':[{'addresses':[{'ip':'10.42.0.5'}],'ports':[{'port':80,'protocol':'TCP'},{'port':53,'protocol':'UDP'}]}]}"
        },
        {
            "storage.k8s.io/v1/storageclasses",
            "{'metadata':{'name':'local'},'provisioner':'rancher.io/local-path'}",
            "{'metadata':{'name':'local'},'provisioner':'rancher.io/local-path','reclaimPolicy':'Delete','volumeBindingMode':'Immediate'}"
        },
        {
            "scheduling.k8s.io/v1/priorityclasses",
            "{'metadata':{'name':'high'},'value':1000}",
            "{'metadata':{'name':'high'},'value':1000,'preemptionPolicy':'PreemptLowerPriority'}"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Object_IsDefaultedAsUpstream(string resource, string input, string expected) =>
        AdmissionKit.AssertJsonEqual(AdmissionKit.Parse(expected), AdmissionKit.Defaulted(resource, input));
}
