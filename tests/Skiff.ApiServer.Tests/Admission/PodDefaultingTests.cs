namespace Skiff.ApiServer.Tests.Admission;

public sealed class PodDefaultingTests
{
    private const string Meta = "'metadata':{'name':'p','namespace':'default'}";

    private const string MessageTail = "'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File'";

    private const string DefaultedContainerTail = "'resources':{}," + MessageTail;

    private const string DefaultedSpecTail =
        "'dnsPolicy':'ClusterFirst','restartPolicy':'Always','terminationGracePeriodSeconds':30,'securityContext':{}," +
        "'schedulerName':'default-scheduler','enableServiceLinks':true," + Tolerations;

    private const string Tolerations =
        "'tolerations':[{'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute','tolerationSeconds':300}," +
        "{'key':'node.kubernetes.io/unreachable','operator':'Exists','effect':'NoExecute','tolerationSeconds':300}]";

    public static TheoryData<string, string> Cases => new()
    {
        // A bare pod gets every spec and container default.
        {
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx'}]}}",
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx'," + DefaultedContainerTail + ",'imagePullPolicy':'Always'}]," + DefaultedSpecTail + "}}"
        },

        // Values the user wrote stay as written, including a zero grace period and a Never pull policy.
        {
            "{" + Meta + ",'spec':{'restartPolicy':'Never','terminationGracePeriodSeconds':0,'enableServiceLinks':false,'containers':[{'name':'c','image':'nginx:1.25','imagePullPolicy':'Never'}]}}",
            "{" + Meta + ",'spec':{'restartPolicy':'Never','terminationGracePeriodSeconds':0,'enableServiceLinks':false,'containers':[{'name':'c','image':'nginx:1.25','imagePullPolicy':'Never'," + DefaultedContainerTail + "}],'dnsPolicy':'ClusterFirst','securityContext':{},'schedulerName':'default-scheduler'," + Tolerations + "}}"
        },

        // Ports get TCP, probes their four numbers and httpGet path and scheme.
        {
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx:1','ports':[{'containerPort':80}],'readinessProbe':{'httpGet':{'port':80}},'livenessProbe':{'tcpSocket':{'port':'http'},'periodSeconds':5}}]}}",
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx:1','ports':[{'containerPort':80,'protocol':'TCP'}]," +
            "'readinessProbe':{'httpGet':{'port':80,'path':'/','scheme':'HTTP'},'timeoutSeconds':1,'periodSeconds':10,'successThreshold':1,'failureThreshold':3}," +
            "'livenessProbe':{'tcpSocket':{'port':'http'},'periodSeconds':5,'timeoutSeconds':1,'successThreshold':1,'failureThreshold':3}," +
            DefaultedContainerTail + ",'imagePullPolicy':'IfNotPresent'}]," + DefaultedSpecTail + "}}"
        },

        // Limits without requests become requests too (only on Pods), quantities kept as spelled.
        {
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx:1','resources':{'limits':{'cpu':'500m','memory':'128Mi'},'requests':{'cpu':'100m'}}}]}}",
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx:1','resources':{'limits':{'cpu':'500m','memory':'128Mi'},'requests':{'cpu':'100m','memory':'128Mi'}}," +
            MessageTail + ",'imagePullPolicy':'IfNotPresent'}]," + DefaultedSpecTail + "}}"
        },

        // Volumes: a source-less volume is an emptyDir; file modes 0644; hostPath type ""; token expiry one hour.
        {
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx:1'}],'volumes':[{'name':'a'},{'name':'b','secret':{'secretName':'s'}},{'name':'c','configMap':{'name':'m','defaultMode':256}},{'name':'d','hostPath':{'path':'/x'}},{'name':'e','projected':{'sources':[{'serviceAccountToken':{'path':'token'}}]}}]}}",
            "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'nginx:1'," + DefaultedContainerTail + ",'imagePullPolicy':'IfNotPresent'}]," +
            "'volumes':[{'name':'a','emptyDir':{}},{'name':'b','secret':{'secretName':'s','defaultMode':420}},{'name':'c','configMap':{'name':'m','defaultMode':256}},{'name':'d','hostPath':{'path':'/x','type':''}},{'name':'e','projected':{'sources':[{'serviceAccountToken':{'path':'token','expirationSeconds':3600}}],'defaultMode':420}}]," +
            DefaultedSpecTail + "}}"
        },

        // Host-network pods publish their container ports on the host.
        {
            "{" + Meta + ",'spec':{'hostNetwork':true,'containers':[{'name':'c','image':'nginx:1','ports':[{'containerPort':8080}]}]}}",
            "{" + Meta + ",'spec':{'hostNetwork':true,'containers':[{'name':'c','image':'nginx:1','ports':[{'containerPort':8080,'protocol':'TCP','hostPort':8080}]," +
            DefaultedContainerTail + ",'imagePullPolicy':'IfNotPresent'}]," + DefaultedSpecTail + "}}"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pod_IsDefaultedAsUpstream(string input, string expected) =>
        AdmissionKit.AssertJsonEqual(AdmissionKit.Parse(expected), AdmissionKit.Defaulted("v1/pods", input));

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.25", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef", "IfNotPresent")]
    [InlineData("localhost:5000/nginx", "Always")]
    [InlineData("localhost:5000/nginx:v1", "IfNotPresent")]
    [InlineData("registry.example/team/app:latest@sha256:0123", "Always")]
    public void ImagePullPolicy_DependsOnTheTag(string image, string policy)
    {
        var pod = AdmissionKit.Defaulted("v1/pods", "{" + Meta + ",'spec':{'containers':[{'name':'c','image':'" + image + "'}]}}");
        Assert.Equal(policy, (string?)pod["spec"]!["containers"]![0]!["imagePullPolicy"]);
    }

    [Fact]
    public void DefaultTolerations_LeaveAPodsOwnChoiceAlone()
    {
        var pod = AdmissionKit.Defaulted("v1/pods",
            "{" + Meta + ",'spec':{'tolerations':[{'key':'node.kubernetes.io/unreachable','operator':'Exists','effect':'NoExecute','tolerationSeconds':10}],'containers':[{'name':'c','image':'x:1'}]}}");
        AdmissionKit.AssertJsonEqual(
            AdmissionKit.Parse("{'a':[{'key':'node.kubernetes.io/unreachable','operator':'Exists','effect':'NoExecute','tolerationSeconds':10},{'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute','tolerationSeconds':300}]}")["a"]!,
            pod["spec"]!["tolerations"]!);
    }

    [Fact]
    public void Templates_DoNotGetPodOnlyDefaults()
    {
        var deployment = AdmissionKit.Defaulted("apps/v1/deployments",
            "{'metadata':{'name':'d'},'spec':{'template':{'spec':{'containers':[{'name':'c','image':'x:1','resources':{'limits':{'cpu':'1'}}}]}}}}");
        var spec = deployment["spec"]!["template"]!["spec"]!.AsObject();
        Assert.False(spec.ContainsKey("enableServiceLinks"));
        Assert.Null(spec["containers"]![0]!["resources"]!["requests"]);
        Assert.Equal("default-scheduler", (string?)spec["schedulerName"]);
    }
}
