namespace Skiff.ApiServer.Tests.Admission;

public sealed class CoreValidationTests
{
    private const string Meta = "'metadata':{'name':'s','namespace':'default'}";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "v1/services", "{" + Meta + ",'spec':{'ports':[{'port':80}]}}", string.Empty },
        { "v1/services", "{" + Meta + ",'spec':{}}", "FieldValueRequired spec.ports: Required value" },
        {
            "v1/services",
            "{'metadata':{'name':'1web','namespace':'default'},'spec':{'ports':[{'port':80}]}}",
            "FieldValueInvalid metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        },
        {
            "v1/services",
            "{" + Meta + ",'spec':{'type':'Fancy','ports':[{'port':80}]}}",
            "FieldValueNotSupported spec.type: Unsupported value: \"Fancy\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
        },
        {
            "v1/services",
            "{" + Meta + ",'spec':{'ports':[{'port':80,'nodePort':30080},{'name':'b','port':0,'targetPort':'Bad--Name'}]}}",
            "FieldValueRequired spec.ports[0].name: Required value\n" +
            "FieldValueForbidden spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\n" +
            "FieldValueInvalid spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive\n" +
            "FieldValueInvalid spec.ports[1].targetPort: Invalid value: \"Bad--Name\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n" +
            "FieldValueInvalid spec.ports[1].targetPort: Invalid value: \"Bad--Name\": must not contain consecutive hyphens"
        },
        {
            "v1/services",
            "{" + Meta + ",'spec':{'type':'NodePort','ports':[{'name':'a','port':80,'nodePort':30080},{'name':'b','port':81,'nodePort':30080}]}}",
            "FieldValueDuplicate spec.ports[1].nodePort: Duplicate value: 30080"
        },
        {
            "v1/services",
            "{" + Meta + ",'spec':{'clusterIP':'10.43.0.500','ports':[{'port':80}]}}",
            "FieldValueInvalid spec.clusterIPs[0]: Invalid value: \"10.43.0.500\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
        },
        { "v1/services", "{" + Meta + ",'spec':{'type':'ExternalName'}}", "FieldValueRequired spec.externalName: Required value" },
        {
            "v1/configmaps",
            "{" + Meta + ",'data':{'bad/key':'x','..hidden':'y'}}",
            "FieldValueInvalid data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n" +
            "FieldValueInvalid data[..hidden]: Invalid value: \"..hidden\": must not start with '..'"
        },
        {
            "v1/configmaps",
            "{" + Meta + ",'data':{'k':'x'},'binaryData':{'k':'eA=='}}",
            "FieldValueInvalid binaryData[k]: Invalid value: \"k\": duplicate of key present in data"
        },
        { "v1/configmaps", "{" + Meta + ",'data':{'big':'" + new string('x', (1024 * 1024) + 1) + "'}}", "FieldValueTooLong : Too long: may not be more than 1048576 bytes" },
        { "v1/secrets", "{" + Meta + ",'data':{'big':'" + Convert.ToBase64String(new byte[(1024 * 1024) + 1]) + "'}}", "FieldValueTooLong data: Too long: may not be more than 1048576 bytes" },
        {
            "v1/secrets",
            "{" + Meta + ",'type':'kubernetes.io/tls','data':{'tls.crt':''}}",
            "FieldValueRequired data[tls.key]: Required value"
        },
        {
            "v1/secrets",
            "{" + Meta + ",'type':'kubernetes.io/service-account-token'}",
            "FieldValueRequired metadata.annotations[kubernetes.io/service-account.name]: Required value"
        },
        {
            "v1/namespaces",
            "{'metadata':{'name':'my.team'}}",
            "FieldValueInvalid metadata.name: Invalid value: \"my.team\": must not contain dots"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Object_IsValidatedAsUpstream(string resource, string obj, string expected) =>
        Assert.Equal(expected, AdmissionKit.Causes(resource, obj));

    public static TheoryData<string, string, string, string> Updates => new()
    {
        {
            "v1/services",
            "{" + Meta + ",'spec':{'clusterIP':'10.43.0.20','ports':[{'port':80}]}}",
            "{" + Meta + ",'spec':{'clusterIP':'10.43.0.21','ports':[{'port':80}]}}",
            "FieldValueInvalid spec.clusterIPs[0]: Invalid value: []string{\"10.43.0.21\"}: may not change once set"
        },
        {
            "v1/configmaps",
            "{" + Meta + ",'immutable':true,'data':{'a':'1'}}",
            "{" + Meta + ",'data':{'a':'2'}}",
            "FieldValueForbidden immutable: Forbidden: field is immutable when `immutable` is set\n" +
            "FieldValueForbidden data: Forbidden: field is immutable when `immutable` is set"
        },
        {
            "v1/configmaps",
            "{" + Meta + ",'immutable':true,'data':{'a':'1'}}",
            "{'metadata':{'name':'s','namespace':'default','labels':{'x':'y'}},'immutable':true,'data':{'a':'1'}}",
            string.Empty
        },
        {
            "v1/secrets",
            "{" + Meta + ",'type':'Opaque','data':{'a':'MQ=='}}",
            "{" + Meta + ",'type':'kubernetes.io/basic-auth','data':{'username':'MQ=='}}",
            "FieldValueInvalid type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"
        },
        {
            "v1/secrets",
            "{" + Meta + ",'immutable':true,'data':{'a':'MQ=='}}",
            "{" + Meta + ",'immutable':true,'data':{'a':'Mg=='}}",
            "FieldValueForbidden data: Forbidden: field is immutable when `immutable` is set"
        },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void Update_KeepsImmutableFields(string resource, string old, string updated, string expected) =>
        Assert.Equal(expected, AdmissionKit.Causes(resource, updated, old));
}
