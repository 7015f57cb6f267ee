namespace Skiff.ApiServer.Tests.Admission;

public sealed class WorkloadValidationTests
{
    private const string Template = "'template':{'metadata':{'labels':{'app':'a'}},'spec':{'containers':[{'name':'c','image':'x:1'}]}}";
    private const string JobTemplate = "'template':{'metadata':{'labels':{'app':'a'}},'spec':{'restartPolicy':'Never','containers':[{'name':'c','image':'x:1'}]}}";

    private static string Object(string name, string spec) => "{'metadata':{'name':'" + name + "','namespace':'default'},'spec':{" + spec + "}}";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "apps/v1/deployments", Object("d", "'selector':{'matchLabels':{'app':'a'}}," + Template), string.Empty },
        {
            "apps/v1/deployments",
            Object("d", "'replicas':-1,'selector':{'matchLabels':{'app':'b','tier':'web'}}," + Template),
            "FieldValueInvalid spec.replicas: Invalid value: -1: must be greater than or equal to 0\n" +
            "FieldValueInvalid spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"a\"}: `selector` does not match template `labels`"
        },
        { "apps/v1/deployments", Object("d", Template), "FieldValueRequired spec.selector: Required value" },
        {
            "apps/v1/deployments",
            Object("d", "'selector':{}," + Template),
            "FieldValueInvalid spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"
        },
        {
            "apps/v1/deployments",
            Object("d", "'selector':{'matchLabels':{'app':'a'}},'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':0,'maxUnavailable':0}},'template':{'metadata':{'labels':{'app':'a'}},'spec':{'restartPolicy':'Never','containers':[{'name':'c','image':'x:1'}]}}"),
            "FieldValueNotSupported spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"\n" +
            "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
        },
        {
            "apps/v1/deployments",
            Object("d", "'selector':{'matchLabels':{'app':'a'}},'strategy':{'type':'Recreate','rollingUpdate':{'maxSurge':1}}," + Template),
            "FieldValueForbidden spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
        },
        {
            "apps/v1/replicasets",
            Object("r", "'selector':{'matchExpressions':[{'key':'app','operator':'In','values':['b']}]}," + Template),
            "FieldValueInvalid spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"a\"}: `selector` does not match template `labels`"
        },
        {
            "apps/v1/statefulsets",
            Object("s", "'selector':{'matchLabels':{'app':'a'}},'podManagementPolicy':'Random'," + Template),
            "FieldValueNotSupported spec.podManagementPolicy: Unsupported value: \"Random\": supported values: \"OrderedReady\", \"Parallel\""
        },
        {
            "apps/v1/daemonsets",
            Object("ds", "'selector':{'matchLabels':{}}," + Template),
            "FieldValueInvalid spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset"
        },
        { "batch/v1/jobs", Object("j", JobTemplate), string.Empty },
        {
            "batch/v1/jobs",
            Object("j", Template),
            "FieldValueNotSupported spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""
        },
        {
            "batch/v1/jobs",
            Object("j", "'manualSelector':true,'parallelism':2,'completionMode':'Indexed','backoffLimit':-1," + JobTemplate),
            "FieldValueInvalid spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0\n" +
            "FieldValueRequired spec.completions: Required value: when completion mode is Indexed\n" +
            "FieldValueRequired spec.selector: Required value"
        },
        {
            "batch/v1/cronjobs",
            Object("cj", "'schedule':'every minute','concurrencyPolicy':'Sometimes','jobTemplate':{'spec':{'selector':{'matchLabels':{'app':'a'}}," + JobTemplate + "}}"),
            "FieldValueInvalid spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found 2: every minute\n" +
            "FieldValueNotSupported spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"\n" +
            "FieldValueInvalid spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"a\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated"
        },
        {
            "v1/replicationcontrollers",
            Object("rc", "'selector':{'app':'other'}," + Template),
            "FieldValueInvalid spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"a\"}: `selector` does not match template `labels`"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Workload_IsValidatedAsUpstream(string resource, string obj, string expected) =>
        Assert.Equal(expected, AdmissionKit.Causes(resource, obj));

    public static TheoryData<string, string, string, string> Updates => new()
    {
        {
            "apps/v1/deployments",
            Object("d", "'selector':{'matchLabels':{'app':'a'}}," + Template),
            Object("d", "'selector':{'matchLabels':{'app':'a','v':'2'}},'template':{'metadata':{'labels':{'app':'a','v':'2'}},'spec':{'containers':[{'name':'c','image':'x:1'}]}}"),
            "FieldValueInvalid spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"a\", \"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
        },
        {
            "apps/v1/deployments",
            Object("d", "'selector':{'matchLabels':{'app':'a'}}," + Template),
            Object("d", "'replicas':5,'selector':{'matchLabels':{'app':'a'}}," + Template),
            string.Empty
        },
        {
            "apps/v1/statefulsets",
            Object("s", "'serviceName':'a','selector':{'matchLabels':{'app':'a'}}," + Template),
            Object("s", "'serviceName':'b','replicas':3,'selector':{'matchLabels':{'app':'a'}}," + Template),
            "FieldValueForbidden spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
        },
        {
            "batch/v1/jobs",
            Object("j", "'manualSelector':true,'selector':{'matchLabels':{'app':'a'}}," + JobTemplate),
            Object("j", "'manualSelector':true,'selector':{'matchLabels':{'app':'a'}},'template':{'metadata':{'labels':{'app':'a'}},'spec':{'restartPolicy':'Never','containers':[{'name':'c','image':'x:2'}]}}"),
            "FieldValueInvalid spec.template: Invalid value: " // the rest is the template, checked by prefix
        },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void WorkloadUpdate_KeepsImmutableFields(string resource, string old, string updated, string expected)
    {
        var causes = AdmissionKit.Causes(resource, updated, old);
        if (expected.EndsWith("Invalid value: ", StringComparison.Ordinal))
        {
            Assert.StartsWith(expected, causes);
            Assert.EndsWith(": field is immutable", causes);
        }
        else
        {
            Assert.Equal(expected, causes);
        }
    }
}
