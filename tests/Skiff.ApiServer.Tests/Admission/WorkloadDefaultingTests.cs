namespace Skiff.ApiServer.Tests.Admission;

public sealed class WorkloadDefaultingTests
{
    private const string Template = "'template':{'metadata':{'labels':{'app':'a'}},'spec':{'containers':[{'name':'c','image':'x:1'}]}}";

    private const string DefaultedTemplate =
        "'template':{'metadata':{'labels':{'app':'a'}},'spec':{'containers':[{'name':'c','image':'x:1','resources':{},'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File','imagePullPolicy':'IfNotPresent'}]," +
        "'dnsPolicy':'ClusterFirst','restartPolicy':'Always','terminationGracePeriodSeconds':30,'securityContext':{},'schedulerName':'default-scheduler'}}";

    private const string DefaultedJobTemplate =
        "'template':{'metadata':{'labels':{'app':'a'}},'spec':{'restartPolicy':'Never','containers':[{'name':'c','image':'x:1','resources':{},'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File','imagePullPolicy':'IfNotPresent'}]," +
        "'dnsPolicy':'ClusterFirst','terminationGracePeriodSeconds':30,'securityContext':{},'schedulerName':'default-scheduler'}}";

    private const string JobTemplate = "'template':{'metadata':{'labels':{'app':'a'}},'spec':{'restartPolicy':'Never','containers':[{'name':'c','image':'x:1'}]}}";

    private const string Selector = "'selector':{'matchLabels':{'app':'a'}}";

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "apps/v1/deployments",
            "{'metadata':{'name':'d'},'spec':{" + Selector + "," + Template + "}}",
            "{'metadata':{'name':'d'},'spec':{" + Selector + "," + DefaultedTemplate + ",'replicas':1,'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':'25%','maxSurge':'25%'}},'revisionHistoryLimit':10,'progressDeadlineSeconds':600}}"
        },
        {
            // A Recreate strategy gets no rollingUpdate; numbers and percents the user wrote stay as spelled.
            "apps/v1/deployments",
            "{'metadata':{'name':'d'},'spec':{'replicas':0,'strategy':{'type':'Recreate'}," + Selector + "," + Template + "}}",
            "{'metadata':{'name':'d'},'spec':{'replicas':0,'strategy':{'type':'Recreate'}," + Selector + "," + DefaultedTemplate + ",'revisionHistoryLimit':10,'progressDeadlineSeconds':600}}"
        },
        {
            "apps/v1/deployments",
            "{'metadata':{'name':'d'},'spec':{'strategy':{'rollingUpdate':{'maxSurge':1}}," + Selector + "," + Template + "}}",
            "{'metadata':{'name':'d'},'spec':{'strategy':{'rollingUpdate':{'maxSurge':1,'maxUnavailable':'25%'},'type':'RollingUpdate'}," + Selector + "," + DefaultedTemplate + ",'replicas':1,'revisionHistoryLimit':10,'progressDeadlineSeconds':600}}"
        },
        {
            "apps/v1/replicasets",
            "{'metadata':{'name':'r'},'spec':{" + Selector + "," + Template + "}}",
            "{'metadata':{'name':'r'},'spec':{" + Selector + "," + DefaultedTemplate + ",'replicas':1}}"
        },
        {
            "apps/v1/statefulsets",
            "{'metadata':{'name':'s'},'spec':{'serviceName':'s'," + Selector + "," + Template + ",'volumeClaimTemplates':[{'metadata':{'name':'data'},'spec':{'accessModes':['ReadWriteOnce']}}]}}",
            "{'metadata':{'name':'s'},'spec':{'serviceName':'s'," + Selector + "," + DefaultedTemplate +
            ",'volumeClaimTemplates':[{'metadata':{'name':'data'},'spec':{'accessModes':['ReadWriteOnce'],'volumeMode':'Filesystem'},'status':{'phase':'Pending'}}]," +
            "'podManagementPolicy':'OrderedReady','updateStrategy':{'type':'RollingUpdate','rollingUpdate':{'partition':0}}," +
            "'persistentVolumeClaimRetentionPolicy':{'whenDeleted':'Retain','whenScaled':'Retain'},'replicas':1,'revisionHistoryLimit':10}}"
        },
        {
            "apps/v1/daemonsets",
            "{'metadata':{'name':'ds'},'spec':{" + Selector + "," + Template + "}}",
            "{'metadata':{'name':'ds'},'spec':{" + Selector + "," + DefaultedTemplate + ",'updateStrategy':{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':1,'maxSurge':0}},'revisionHistoryLimit':10}}"
        },
        {
            "apps/v1/daemonsets",
            "{'metadata':{'name':'ds'},'spec':{'updateStrategy':{'type':'OnDelete'}," + Selector + "," + Template + "}}",
            "{'metadata':{'name':'ds'},'spec':{'updateStrategy':{'type':'OnDelete'}," + Selector + "," + DefaultedTemplate + ",'revisionHistoryLimit':10}}"
        },
        {
            // A Job without labels takes its template's.
            "batch/v1/jobs",
            "{'metadata':{'name':'j'},'spec':{" + JobTemplate + "}}",
            "{'metadata':{'name':'j','labels':{'app':'a'}},'spec':{" + DefaultedJobTemplate + ",'completions':1,'parallelism':1,'backoffLimit':6,'completionMode':'NonIndexed','suspend':false,'podReplacementPolicy':'TerminatingOrFailed'}}"
        },
        {
            // Parallelism alone leaves completions unset; a pod failure policy makes replacement wait for Failed.
            "batch/v1/jobs",
            "{'metadata':{'name':'j','labels':{'own':'x'}},'spec':{'parallelism':3,'podFailurePolicy':{'rules':[{'action':'Ignore','onPodConditions':[{'type':'DisruptionTarget'}]}]}," + JobTemplate + "}}",
            "{'metadata':{'name':'j','labels':{'own':'x'}},'spec':{'parallelism':3,'podFailurePolicy':{'rules':[{'action':'Ignore','onPodConditions':[{'type':'DisruptionTarget','status':'True'}]}]}," + DefaultedJobTemplate + ",'backoffLimit':6,'completionMode':'NonIndexed','suspend':false,'podReplacementPolicy':'Failed'}}"
        },
        {
            "batch/v1/jobs",
            "{'metadata':{'name':'j'},'spec':{'completionMode':'Indexed','completions':4,'backoffLimitPerIndex':1," + JobTemplate + "}}",
            "{'metadata':{'name':'j','labels':{'app':'a'}},'spec':{'completionMode':'Indexed','completions':4,'backoffLimitPerIndex':1," + DefaultedJobTemplate + ",'parallelism':1,'backoffLimit':2147483647,'suspend':false,'podReplacementPolicy':'TerminatingOrFailed'}}"
        },
        {
            // The jobTemplate's pod spec is defaulted, its Job spec is not, as upstream's defaulters do.
            "batch/v1/cronjobs",
            "{'metadata':{'name':'cj'},'spec':{'schedule':'*/5 * * * *','jobTemplate':{'spec':{" + JobTemplate + "}}}}",
            "{'metadata':{'name':'cj'},'spec':{'schedule':'*/5 * * * *','jobTemplate':{'spec':{" + DefaultedJobTemplate + "}},'concurrencyPolicy':'Allow','suspend':false,'successfulJobsHistoryLimit':3,'failedJobsHistoryLimit':1}}"
        },
        {
            // A ReplicationController's selector and labels come from its template.
            "v1/replicationcontrollers",
            "{'metadata':{'name':'rc'},'spec':{" + Template + "}}",
            "{'metadata':{'name':'rc','labels':{'app':'a'}},'spec':{" + DefaultedTemplate + ",'selector':{'app':'a'},'replicas':1}}"
        },
        {
            "v1/podtemplates",
            "{'metadata':{'name':'pt'}," + Template + "}",
            "{'metadata':{'name':'pt'}," + DefaultedTemplate + "}"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Workload_IsDefaultedAsUpstream(string resource, string input, string expected) =>
        AdmissionKit.AssertJsonEqual(AdmissionKit.Parse(expected), AdmissionKit.Defaulted(resource, input));
}
