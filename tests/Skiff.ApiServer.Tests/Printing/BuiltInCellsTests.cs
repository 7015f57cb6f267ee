using Skiff.ApiServer.Printing;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class BuiltInCellsTests
{
    private static readonly string Meta =
        $"'metadata':{{'name':'x','namespace':'default','creationTimestamp':'{Ago(TimeSpan.FromHours(3))}'}}";

    public static TheoryData<string, string, string, string> Objects => new()
    {
        {
            "apps", "Deployment",
            $"{{{Meta},'spec':{{'replicas':3,'selector':{{'matchLabels':{{'app':'web','tier':'fe'}}}},'template':{{'spec':{{'containers':[{{'name':'nginx','image':'nginx:1.25'}},{{'name':'side','image':'busybox'}}]}}}}}},'status':{{'readyReplicas':2,'updatedReplicas':3,'availableReplicas':2}}}}",
            "x|2/3|3|2|3h|nginx,side|nginx:1.25,busybox|app=web,tier=fe"
        },
        {
            "apps", "Deployment",
            $"{{{Meta},'spec':{{'selector':{{'matchExpressions':[{{'key':'env','operator':'In','values':['prod','dev']}},{{'key':'canary','operator':'DoesNotExist'}}]}},'template':{{'spec':{{'containers':[]}}}}}}}}",
            "x|0/1|0|0|3h|||!canary,env in (dev,prod)"
        },
        {
            "apps", "ReplicaSet",
            $"{{{Meta},'spec':{{'replicas':2,'selector':{{'matchLabels':{{'app':'web'}}}},'template':{{'spec':{{'containers':[{{'name':'c','image':'i'}}]}}}}}},'status':{{'replicas':2,'readyReplicas':1}}}}",
            "x|2|2|1|3h|c|i|app=web"
        },
        {
            "apps", "StatefulSet",
            $"{{{Meta},'spec':{{'replicas':3,'template':{{'spec':{{'containers':[{{'name':'db','image':'pg'}}]}}}}}},'status':{{'readyReplicas':1}}}}",
            "x|1/3|3h|db|pg"
        },
        {
            "apps", "DaemonSet",
            $"{{{Meta},'spec':{{'selector':{{'matchLabels':{{'k':'v'}}}},'template':{{'spec':{{'nodeSelector':{{'os':'linux'}},'containers':[{{'name':'c','image':'i'}}]}}}}}},'status':{{'desiredNumberScheduled':3,'currentNumberScheduled':3,'numberReady':2,'updatedNumberScheduled':3,'numberAvailable':2}}}}",
            "x|3|3|2|3|2|os=linux|3h|c|i|k=v"
        },
        {
            "", "Service",
            $"{{{Meta},'spec':{{'type':'ClusterIP','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],'ports':[{{'port':53,'protocol':'UDP'}},{{'port':80,'protocol':'TCP'}}],'selector':{{'k8s-app':'dns'}}}}}}",
            "x|ClusterIP|10.96.0.10|<none>|53/UDP,80/TCP|3h|k8s-app=dns"
        },
        {
            "", "Service",
            $"{{{Meta},'spec':{{'type':'NodePort','clusterIPs':['10.96.1.1'],'ports':[{{'port':80,'nodePort':30080,'protocol':'TCP'}}]}}}}",
            "x|NodePort|10.96.1.1|<none>|80:30080/TCP|3h|<none>"
        },
        {
            "", "Service",
            $"{{{Meta},'spec':{{'type':'LoadBalancer','clusterIPs':['10.96.1.2'],'ports':[{{'port':443,'nodePort':31443,'protocol':'TCP'}}]}}}}",
            "x|LoadBalancer|10.96.1.2|<pending>|443:31443/TCP|3h|<none>"
        },
        {
            "", "Service",
            $"{{{Meta},'spec':{{'type':'LoadBalancer','clusterIPs':['10.96.1.2'],'externalIPs':['1.2.3.4'],'ports':[]}},'status':{{'loadBalancer':{{'ingress':[{{'ip':'5.6.7.8'}},{{'hostname':'lb.example.com'}}]}}}}}}",
            "x|LoadBalancer|10.96.1.2|5.6.7.8,lb.example.com,1.2.3.4|<none>|3h|<none>"
        },
        {
            "", "Service",
            $"{{{Meta},'spec':{{'type':'ExternalName','externalName':'db.example.com'}}}}",
            "x|ExternalName|<none>|db.example.com|<none>|3h|<none>"
        },
        {
            "", "Service",
            $"{{{Meta},'spec':{{'type':'ClusterIP','clusterIP':'None','ports':[{{'port':80,'protocol':'TCP'}}]}}}}",
            "x|ClusterIP|None|<none>|80/TCP|3h|<none>"
        },
        {
            "", "Endpoints",
            $"{{{Meta},'subsets':[{{'addresses':[{{'ip':'10.0.0.1'}},{{'ip':'10.0.0.2'}},{{'ip':'fd00::3'}},{{'ip':'10.0.0.4'}}],'ports':[{{'port':8080}}]}}]}}",
            "x|10.0.0.1:8080,10.0.0.2:8080,[fd00::3]:8080 + 1 more...|3h"
        },
        {
            "", "Endpoints", $"{{{Meta}}}", "x|<none>|3h"
        },
        {
            "discovery.k8s.io", "EndpointSlice",
            $"{{{Meta},'addressType':'IPv4','ports':[{{'port':80}},{{'name':'https'}}],'endpoints':[{{'addresses':['10.0.0.1']}},{{'addresses':['10.0.0.2']}}]}}",
            "x|IPv4|80,https|10.0.0.1,10.0.0.2|3h"
        },
        {
            "discovery.k8s.io", "EndpointSlice", $"{{{Meta},'addressType':'IPv4'}}", "x|IPv4|<unset>|<unset>|3h"
        },
        {
            "", "Node",
            $"{{'metadata':{{'name':'n1','creationTimestamp':'{Ago(TimeSpan.FromDays(3))}','labels':{{'node-role.kubernetes.io/control-plane':'','kubernetes.io/role':'worker'}}}},'spec':{{'unschedulable':true}},'status':{{'conditions':[{{'type':'MemoryPressure','status':'False'}},{{'type':'Ready','status':'True'}}],'addresses':[{{'type':'InternalIP','address':'192.168.1.5'}},{{'type':'Hostname','address':'n1'}}],'nodeInfo':{{'kubeletVersion':'v1.33.0','osImage':'Debian GNU/Linux 13','kernelVersion':'6.12.0','containerRuntimeVersion':'containerd://1.6.20'}}}}}}",
            "n1|Ready,SchedulingDisabled|control-plane,worker|3d|v1.33.0|192.168.1.5|<none>|Debian GNU/Linux 13|6.12.0|containerd://1.6.20"
        },
        {
            "", "Node",
            $"{{'metadata':{{'name':'n2','creationTimestamp':'{Ago(TimeSpan.FromDays(3))}'}},'status':{{'conditions':[{{'type':'Ready','status':'Unknown'}}]}}}}",
            "n2|NotReady|<none>|3d||<none>|<none>|<unknown>|<unknown>|<unknown>"
        },
        {
            "", "Node", $"{{'metadata':{{'name':'n3'}}}}", "n3|Unknown|<none>|<unknown>||<none>|<none>|<unknown>|<unknown>|<unknown>"
        },
        {
            "", "Namespace", $"{{{Meta},'status':{{'phase':'Active'}}}}", "x|Active|3h"
        },
        {
            "", "ConfigMap", $"{{{Meta},'data':{{'a':'1','b':'2'}},'binaryData':{{'c':'AA=='}}}}", "x|3|3h"
        },
        {
            "", "Secret", $"{{{Meta},'type':'Opaque','data':{{'a':'MQ=='}}}}", "x|Opaque|1|3h"
        },
        {
            "", "ServiceAccount", $"{{{Meta}}}", "x|0|3h"
        },
        {
            "batch", "Job",
            $"{{{Meta},'spec':{{'completions':3,'selector':{{'matchLabels':{{'job-name':'x'}}}},'template':{{'spec':{{'containers':[{{'name':'c','image':'i'}}]}}}}}},'status':{{'succeeded':3,'startTime':'{Ago(TimeSpan.FromMinutes(30))}','completionTime':'{Ago(TimeSpan.FromMinutes(25))}','conditions':[{{'type':'Complete','status':'True'}}]}}}}",
            "x|Complete|3/3|5m|3h|c|i|job-name=x"
        },
        {
            "batch", "Job",
            $"{{{Meta},'spec':{{'parallelism':2,'template':{{'spec':{{'containers':[]}}}}}},'status':{{'startTime':'{Ago(TimeSpan.FromSeconds(45))}'}}}}",
            "x|Running|0/1 of 2|45s|3h|||<none>"
        },
        {
            "batch", "Job",
            $"{{{Meta},'spec':{{'template':{{'spec':{{'containers':[]}}}}}},'status':{{'conditions':[{{'type':'Failed','status':'True'}}]}}}}",
            "x|Failed|0/1||3h|||<none>"
        },
        {
            "batch", "CronJob",
            $"{{{Meta},'spec':{{'schedule':'*/5 * * * *','suspend':false,'jobTemplate':{{'spec':{{'template':{{'spec':{{'containers':[{{'name':'c','image':'i'}}]}}}}}}}}}},'status':{{'active':[{{'name':'j1'}}],'lastScheduleTime':'{Ago(TimeSpan.FromMinutes(2))}'}}}}",
            "x|*/5 * * * *|<none>|False|1|2m|3h|c|i|<none>"
        },
        {
            "networking.k8s.io", "Ingress",
            $"{{{Meta},'spec':{{'ingressClassName':'nginx','rules':[{{'host':'a.example.com'}},{{'host':'b.example.com'}}],'tls':[{{'hosts':['a.example.com']}}]}},'status':{{'loadBalancer':{{'ingress':[{{'ip':'1.2.3.4'}}]}}}}}}",
            "x|nginx|a.example.com,b.example.com|1.2.3.4|80, 443|3h"
        },
        {
            "networking.k8s.io", "Ingress", $"{{{Meta},'spec':{{'rules':[{{}}]}}}}", "x|<none>|*||80|3h"
        },
        {
            "networking.k8s.io", "IngressClass",
            $"{{{Meta},'spec':{{'controller':'k8s.io/ingress-nginx','parameters':{{'apiGroup':'k8s.example.com','kind':'IngressParameters','name':'p'}}}}}}",
            "x|k8s.io/ingress-nginx|IngressParameters.k8s.example.com/p|3h"
        },
        {
            "networking.k8s.io", "NetworkPolicy", $"{{{Meta},'spec':{{'podSelector':{{}}}}}}", "x|<none>|3h"
        },
        {
            "", "PersistentVolume",
            $"{{{Meta},'spec':{{'capacity':{{'storage':'10Gi'}},'accessModes':['ReadWriteMany','ReadWriteOnce'],'persistentVolumeReclaimPolicy':'Retain','claimRef':{{'namespace':'default','name':'data'}},'storageClassName':'fast','volumeMode':'Filesystem'}},'status':{{'phase':'Bound'}}}}",
            "x|10Gi|RWO,RWX|Retain|Bound|default/data|fast|<unset>||3h|Filesystem"
        },
        {
            "", "PersistentVolumeClaim",
            $"{{{Meta},'spec':{{'volumeName':'pv1','storageClassName':'fast','resources':{{'requests':{{'storage':'1Gi'}}}}}},'status':{{'phase':'Bound','capacity':{{'storage':'2Gi'}},'accessModes':['ReadWriteOnce']}}}}",
            "x|Bound|pv1|2Gi|RWO|fast|<unset>|3h|<unset>"
        },
        {
            "", "PersistentVolumeClaim",
            $"{{'metadata':{{'name':'x','creationTimestamp':'{Ago(TimeSpan.FromHours(3))}','deletionTimestamp':'{Ago(TimeSpan.FromSeconds(1))}','annotations':{{'volume.beta.kubernetes.io/storage-class':'old'}}}},'spec':{{'storageClassName':'new'}},'status':{{'phase':'Pending'}}}}",
            "x|Terminating||||old|<unset>|3h|<unset>"
        },
        {
            "storage.k8s.io", "StorageClass",
            $"{{'metadata':{{'name':'local','creationTimestamp':'{Ago(TimeSpan.FromHours(3))}','annotations':{{'storageclass.kubernetes.io/is-default-class':'true'}}}},'provisioner':'rancher.io/local-path','volumeBindingMode':'WaitForFirstConsumer'}}",
            "local (default)|rancher.io/local-path|Delete|WaitForFirstConsumer|false|3h"
        },
        {
            "rbac.authorization.k8s.io", "RoleBinding",
            $"{{{Meta},'roleRef':{{'kind':'ClusterRole','name':'view'}},'subjects':[{{'kind':'User','name':'alice'}},{{'kind':'User','name':'bob'}},{{'kind':'Group','name':'devs'}},{{'kind':'ServiceAccount','namespace':'kube-system','name':'default'}}]}}",
            "x|ClusterRole/view|3h|alice, bob|devs|kube-system:default"
        },
        {
            "", "Event",
            $"{{{Meta},'involvedObject':{{'kind':'Pod','name':'web','fieldPath':'spec.containers{{nginx}}'}},'reason':'Pulled','message':'Pulled image\\n','type':'Normal','source':{{'component':'kubelet','host':'n1'}},'firstTimestamp':'{Ago(TimeSpan.FromMinutes(20))}','lastTimestamp':'{Ago(TimeSpan.FromMinutes(4))}','count':3}}",
            "4m|Normal|Pulled|pod/web|spec.containers{nginx}|kubelet, n1|Pulled image|20m|3|x"
        },
        {
            "", "Event",
            $"{{{Meta},'involvedObject':{{'kind':'Node'}},'reason':'Starting','type':'Normal','eventTime':'{Ago(TimeSpan.FromMinutes(7))}','reportingComponent':'','reportingController':'kubelet','reportingInstance':'n1'}}",
            "7m|Normal|Starting|node||kubelet, n1||7m|1|x"
        },
        {
            "events.k8s.io", "Event",
            $"{{{Meta},'regarding':{{'kind':'Deployment','name':'web'}},'reason':'ScalingReplicaSet','note':'Scaled up','type':'Normal','eventTime':'{Ago(TimeSpan.FromMinutes(9))}','series':{{'count':4,'lastObservedTime':'{Ago(TimeSpan.FromMinutes(1))}'}},'reportingController':'deployment-controller'}}",
            "60s|Normal|ScalingReplicaSet|deployment/web||deployment-controller|Scaled up|9m|4|x"
        },
        {
            "autoscaling", "HorizontalPodAutoscaler",
            $"{{{Meta},'spec':{{'scaleTargetRef':{{'kind':'Deployment','name':'web'}},'minReplicas':1,'maxReplicas':10,'metrics':[{{'type':'Resource','resource':{{'name':'cpu','target':{{'type':'Utilization','averageUtilization':80}}}}}},{{'type':'Resource','resource':{{'name':'memory','target':{{'type':'AverageValue','averageValue':'1Gi'}}}}}},{{'type':'Pods','pods':{{'target':{{'averageValue':'1k'}}}}}}]}},'status':{{'currentReplicas':2,'currentMetrics':[{{'type':'Resource','resource':{{'name':'cpu','current':{{'averageUtilization':45}}}}}}]}}}}",
            "x|Deployment/web|cpu: 45%/80%, memory: <unknown>/1Gi + 1 more...|1|10|2|3h"
        },
        {
            "autoscaling", "HorizontalPodAutoscaler",
            $"{{{Meta},'spec':{{'scaleTargetRef':{{'kind':'Deployment','name':'web'}},'maxReplicas':5,'targetCPUUtilizationPercentage':50}},'status':{{'currentReplicas':1}}}}",
            "x|Deployment/web|cpu: <unknown>/50%|<unset>|5|1|3h"
        },
        {
            "policy", "PodDisruptionBudget",
            $"{{{Meta},'spec':{{'minAvailable':'50%'}},'status':{{'disruptionsAllowed':1}}}}", "x|50%|N/A|1|3h"
        },
        {
            "", "ResourceQuota",
            $"{{{Meta},'status':{{'hard':{{'pods':'10','limits.cpu':'4','requests.cpu':'2'}},'used':{{'pods':'3','requests.cpu':'500m'}}}}}}",
            "x|pods: 3/10, requests.cpu: 500m/2|limits.cpu: 0/4|3h"
        },
        {
            "apps", "ControllerRevision",
            $"{{'metadata':{{'name':'x','creationTimestamp':'{Ago(TimeSpan.FromHours(3))}','ownerReferences':[{{'apiVersion':'apps/v1','kind':'DaemonSet','name':'ds','controller':true}}]}},'revision':2}}",
            "x|daemonset.apps/ds|2|3h"
        },
        {
            "coordination.k8s.io", "Lease", $"{{{Meta},'spec':{{'holderIdentity':'node-1'}}}}", "x|node-1|3h"
        },
        {
            "scheduling.k8s.io", "PriorityClass", $"{{{Meta},'value':2000000000,'globalDefault':false,'preemptionPolicy':'PreemptLowerPriority'}}", "x|2000000000|false|3h|PreemptLowerPriority"
        },
        {
            "certificates.k8s.io", "CertificateSigningRequest",
            $"{{{Meta},'spec':{{'signerName':'kubernetes.io/kube-apiserver-client','username':'alice','expirationSeconds':86400}},'status':{{'conditions':[{{'type':'Approved'}}],'certificate':'Zm9v'}}}}",
            "x|3h|kubernetes.io/kube-apiserver-client|alice|24h|Approved,Issued"
        },
        {
            "storage.k8s.io", "CSIDriver", $"{{{Meta},'spec':{{}}}}", "x|true|false|false|<unset>|false|<none>|3h"
        },
        {
            "admissionregistration.k8s.io", "ValidatingWebhookConfiguration", $"{{{Meta},'webhooks':[{{}},{{}}]}}", "x|2|3h"
        },
        {
            "", "ComponentStatus", "{'metadata':{'name':'etcd-0'},'conditions':[{'type':'Healthy','status':'True','message':'ok'}]}", "etcd-0|Healthy|ok|"
        },
        {
            "apiregistration.k8s.io", "APIService",
            $"{{{Meta},'spec':{{'service':{{'namespace':'kube-system','name':'metrics-server'}}}},'status':{{'conditions':[{{'type':'Available','status':'False','reason':'MissingEndpoints'}}]}}}}",
            "x|kube-system/metrics-server|False (MissingEndpoints)|3h"
        },
        {
            "apiregistration.k8s.io", "APIService", $"{{{Meta},'spec':{{}}}}", "x|Local|Unknown|3h"
        },
        {
            "rbac.authorization.k8s.io", "ClusterRole", $"{{{Meta},'rules':[]}}", $"x|{Ago(TimeSpan.FromHours(3))}"
        },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Print_CellsMatchUpstreamPrinter(string group, string kind, string json, string expected)
    {
        var printer = BuiltInPrinters.For(group, kind);

        var cells = Texts(printer.Print(Json(json), Now).Cells);

        Assert.Equal(expected, string.Join("|", cells));
        Assert.Equal(printer.Columns.Count, cells.Length);
    }

    [Fact]
    public void Print_GenericPrinterWithoutTimestamp_PrintsGoZeroTime()
    {
        var cells = Texts(DefaultPrinter.Instance.Print(Json("{'metadata':{'name':'r'}}"), Now).Cells);

        Assert.Equal(["r", "0001-01-01T00:00:00Z"], cells);
    }

    [Fact]
    public void Print_NumericCellsAreJsonNumbers()
    {
        var cells = BuiltInPrinters.For("apps", "ReplicaSet")
            .Print(Json($"{{{Meta},'spec':{{'replicas':2}},'status':{{'replicas':1}}}}"), Now).Cells;

        Assert.Equal("2", cells[1]!.ToJsonString());
        Assert.Equal("1", cells[2]!.ToJsonString());
    }
}
