namespace Skiff.ApiServer.Tests.Admission;

public sealed class PodValidationTests
{
    private const string Meta = "'metadata':{'name':'p','namespace':'default'}";

    private static string Pod(string spec) => "{" + Meta + ",'spec':" + spec + "}";

    public static TheoryData<string, string> Cases => new()
    {
        { Pod("{'containers':[{'name':'c','image':'nginx'}]}"), string.Empty },
        { Pod("{'containers':[]}"), "FieldValueRequired spec.containers: Required value" },
        {
            Pod("{'containers':[{'name':'Web','image':''}]}"),
            "FieldValueInvalid spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n" +
            "FieldValueRequired spec.containers[0].image: Required value"
        },
        {
            Pod("{'initContainers':[{'name':'a','image':'x'}],'containers':[{'name':'a','image':'x'}]}"),
            "FieldValueDuplicate spec.containers[0].name: Duplicate value: \"a\""
        },
        {
            Pod("{'containers':[{'name':'c','image':'x','ports':[{'containerPort':70000},{'containerPort':0,'protocol':'ICMP'}]}]}"),
            "FieldValueInvalid spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n" +
            "FieldValueRequired spec.containers[0].ports[1].containerPort: Required value\n" +
            "FieldValueNotSupported spec.containers[0].ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\""
        },
        {
            Pod("{'restartPolicy':'Sometimes','dnsPolicy':'Google','containers':[{'name':'c','image':'x','imagePullPolicy':'Maybe'}]}"),
            "FieldValueNotSupported spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"IfNotPresent\", \"Never\"\n" +
            "FieldValueNotSupported spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"\n" +
            "FieldValueNotSupported spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""
        },
        {
            Pod("{'containers':[{'name':'c','image':'x','resources':{'requests':{'cpu':'3','memory':'64Mi'},'limits':{'cpu':'2','memory':'1Gi'}}}]}"),
            "FieldValueInvalid spec.containers[0].resources.requests: Invalid value: \"3\": must be less than or equal to cpu limit of 2"
        },
        {
            Pod("{'containers':[{'name':'c','image':'x','resources':{'requests':{'memory':'1.5Gi'},'limits':{'memory':'1536Mi'}}}]}"),
            string.Empty
        },
        {
            Pod("{'containers':[{'name':'c','image':'x','volumeMounts':[{'name':'data','mountPath':'/d'}]}],'volumes':[{'name':'v','emptyDir':{}},{'name':'v','emptyDir':{},'hostPath':{'path':'/'}}]}"),
            "FieldValueDuplicate spec.volumes[1].name: Duplicate value: \"v\"\n" +
            "FieldValueForbidden spec.volumes[1].emptyDir: Forbidden: may not specify more than 1 volume type\n" +
            "FieldValueNotFound spec.containers[0].volumeMounts[0].name: Not found: \"data\""
        },
        {
            "{'metadata':{'name':'Bad_Name','namespace':'default','labels':{'a/b/c':'v'}},'spec':{'containers':[{'name':'c','image':'x'}]}}",
            "FieldValueInvalid metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n" +
            "FieldValueInvalid metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pod_IsValidatedAsUpstream(string pod, string expected) =>
        Assert.Equal(expected, AdmissionKit.Causes("v1/pods", pod));

    public static TheoryData<string, string, string> Updates => new()
    {
        {
            Pod("{'containers':[{'name':'c','image':'nginx:1'}]}"),
            Pod("{'containers':[{'name':'c','image':'nginx:2'}],'activeDeadlineSeconds':30,'tolerations':[{'key':'k','operator':'Exists'}]}"),
            string.Empty
        },
        {
            Pod("{'containers':[{'name':'c','image':'nginx:1'}]}"),
            Pod("{'containers':[{'name':'c','image':'nginx:1','ports':[{'containerPort':80}]}]}"),
            "FieldValueForbidden spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
        },
        {
            Pod("{'activeDeadlineSeconds':30,'containers':[{'name':'c','image':'nginx:1'}]}"),
            Pod("{'activeDeadlineSeconds':60,'containers':[{'name':'c','image':'nginx:1'}]}"),
            "FieldValueInvalid spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value"
        },
        {
            Pod("{'containers':[{'name':'c','image':'nginx:1'}],'tolerations':[{'key':'k','operator':'Exists'}]}"),
            Pod("{'containers':[{'name':'c','image':'nginx:1'}],'tolerations':[{'key':'k','operator':'Exists'}]}"),
            string.Empty
        },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void PodUpdate_MayChangeOnlyTheMutableFields(string old, string updated, string expected) =>
        Assert.Equal(expected, AdmissionKit.Causes("v1/pods", updated, old));

    [Fact]
    public void PodStoredWithoutDefaults_CanStillBeUpdated()
    {
        var chain = new Skiff.ApiServer.Admission.AdmissionChain(Skiff.ApiServer.Admission.BuiltInAdmission.All());
        var stored = AdmissionKit.Parse(Pod("{'containers':[{'name':'c','image':'nginx:1'}]}"));
        var updated = AdmissionKit.Parse("{'metadata':{'name':'p','namespace':'default','labels':{'a':'b'}},'spec':{'containers':[{'name':'c','image':'nginx:1'}]}}");

        chain.Admit(AdmissionKit.Resource("v1/pods"), updated, stored);
    }
}
